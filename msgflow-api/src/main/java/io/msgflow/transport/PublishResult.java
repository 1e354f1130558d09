package io.msgflow.transport;

import java.util.List;

/**
 * Outcome of a batch publish: one entry per message, either in {@code successful} or in
 * {@code failed}; never both, never neither.
 */
public record PublishResult(List<PublishReceipt> successful, List<PublishFailure> failed) {
    public PublishResult {
        successful = List.copyOf(successful);
        failed = List.copyOf(failed);
    }

    public boolean allSucceeded() {
        return failed.isEmpty();
    }

    /** Merges chunk results in order. */
    public PublishResult plus(PublishResult other) {
        List<PublishReceipt> ok = new java.util.ArrayList<>(successful);
        ok.addAll(other.successful);
        List<PublishFailure> ko = new java.util.ArrayList<>(failed);
        ko.addAll(other.failed);
        return new PublishResult(ok, ko);
    }

    public static PublishResult empty() {
        return new PublishResult(List.of(), List.of());
    }
}
