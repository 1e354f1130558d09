package io.msgflow.processing;

import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of processing one batch: every delivery is in exactly one list.
 *
 * @param acked handled (and, where a sink is configured, committed to it): to acknowledge
 * @param retried failed transiently: to make visible again after each one's delay
 * @param deadLettered failed for good: to move to the dead-letter queue with the reason
 */
public record BatchResult(List<ReceivedMessage> acked, List<Retry> retried, List<DeadLetter> deadLettered) {

    /** A delivery to retry after {@code delay}, with the failure. */
    public record Retry(ReceivedMessage message, Duration delay, String reason) {
    }

    public BatchResult {
        acked = List.copyOf(acked);
        retried = List.copyOf(retried);
        deadLettered = List.copyOf(deadLettered);
    }

    public int size() {
        return acked.size() + retried.size() + deadLettered.size();
    }

    /** Ids of the retried deliveries, as SQS batch responses report failures. */
    public List<String> retriedTransportIds() {
        List<String> ids = new ArrayList<>(retried.size());
        retried.forEach(r -> ids.add(r.message().transportMessageId()));
        return ids;
    }
}
