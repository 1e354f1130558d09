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

    /** All results in order, in one pass: linear in the number of entries. */
    public static OperationResult concat(List<OperationResult> results) {
        List<ReceivedMessage> ok = new ArrayList<>();
        List<EntryFailure> ko = new ArrayList<>();
        for (OperationResult r : results) {
            ok.addAll(r.succeeded);
            ko.addAll(r.failed);
        }
        return new OperationResult(ok, ko);
    }

    /** This result followed by another; to merge many, use {@link #concat(List)}. */
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
