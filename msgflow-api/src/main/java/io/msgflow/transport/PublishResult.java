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

    /** All results in order, in one pass: linear in the number of entries. */
    public static PublishResult concat(List<PublishResult> results) {
        List<PublishReceipt> ok = new java.util.ArrayList<>();
        List<PublishFailure> ko = new java.util.ArrayList<>();
        for (PublishResult r : results) {
            ok.addAll(r.successful);
            ko.addAll(r.failed);
        }
        return new PublishResult(ok, ko);
    }

    /** This result followed by another; to merge many, use {@link #concat(List)}. */
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
