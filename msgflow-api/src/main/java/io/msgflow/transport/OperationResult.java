package io.msgflow.transport;

import java.util.ArrayList;
import java.util.List;

/** Outcome of a batch operation on deliveries (acknowledge, change visibility, dead-letter): one entry each. */
public record OperationResult(List<ReceivedMessage> succeeded, List<EntryFailure> failed) {
    public OperationResult {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
    }

    public boolean allSucceeded() {
        return failed.isEmpty();
    }

    public OperationResult plus(OperationResult other) {
        List<ReceivedMessage> ok = new ArrayList<>(succeeded);
        ok.addAll(other.succeeded);
        List<EntryFailure> ko = new ArrayList<>(failed);
        ko.addAll(other.failed);
        return new OperationResult(ok, ko);
    }

    public static OperationResult empty() {
        return new OperationResult(List.of(), List.of());
    }
}
