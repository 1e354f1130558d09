package io.msgflow.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.internal.Json;

/**
 * What a {@link DrainQueueHandler} did, returned to Step Functions as
 * {@code {"processed":8,"failed":1,"deadLettered":1,"retained":0,"remaining":0,"handedBack":0,"stopReason":"QUEUE_EMPTY"}}.
 * Counts are of outcomes, one per delivery received in this drain.
 *
 * @param processed messages handled and acknowledged (their rows committed, or already there)
 * @param failed deliveries that come back: failed transiently (after their retry delay), released
 *               behind a failed FIFO message, or whose settlement call failed
 * @param deadLettered messages moved to the dead-letter queue with their reason (only those actually moved)
 * @param retained messages that failed for good on a queue without a dead-letter queue: left on the
 *                 queue, invisible for the retry policy's backoff ceiling, logged at ERROR
 * @param remaining the queue's {@code ApproximateNumberOfMessages} read after the drain stopped:
 *                  visible messages left for another run (handed-back ones included; failed ones
 *                  still waiting for their retry delay are not). SQS counts are approximate. When
 *                  the count cannot be read, the number handed back
 * @param handedBack messages received but not processed because the deadline came near; made
 *                   visible again at once
 * @param stopReason why the drain stopped
 */
public record DrainResult(int processed, int failed, int deadLettered, int retained, int remaining, int handedBack,
                          StopReason stopReason) {

    /** Why a drain stopped. */
    public enum StopReason {
        /** A receive that waited the full {@code MSGFLOW_DRAIN_WAIT} returned nothing. */
        QUEUE_EMPTY,
        /** The function's remaining time fell below the safety margin. */
        DEADLINE
    }

    /** The JSON the handler returns. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("processed", processed);
        node.put("failed", failed);
        node.put("deadLettered", deadLettered);
        node.put("retained", retained);
        node.put("remaining", remaining);
        node.put("handedBack", handedBack);
        node.put("stopReason", stopReason.name());
        return node;
    }
}
