package io.msgflow.inmemory;

import io.msgflow.MessageAttribute;
import io.msgflow.transport.MessageSource;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A message as it sits on an in-memory queue, seen without receiving it (no receive count is
 * spent, no visibility changes): for tests that look at a queue, a dead-letter queue above all.
 *
 * @param queue the queue that holds it
 * @param id the logical id, derived as for a delivery: msgflow's id attribute, else the SNS
 *           MessageId of the envelope, else the SQS MessageId
 * @param transportMessageId the SQS MessageId
 * @param type the message type, when the type attribute is present
 * @param body the body a consumer reads (the envelope's {@code Message} for envelope delivery)
 * @param attributes the attributes a consumer reads (the envelope's plus the SQS ones)
 * @param groupId the FIFO message group, if any
 * @param receiveCount how many times it has been received so far (0 when never); a message the
 *                     queue redrove keeps its count, while a copy that {@link MessageSource#deadLetter}
 *                     sent starts at 0, as the new SQS message it is (its attempts are in the reason)
 * @param sentAt when the queue accepted it
 * @param state where it is in the queue
 * @param sqsBody the body exactly as SQS holds it (the SNS JSON envelope for envelope delivery)
 * @param sqsAttributes the SQS message attributes exactly as SQS holds them
 */
public record QueuedMessage(String queue, String id, String transportMessageId, Optional<String> type, String body,
                            Map<String, MessageAttribute> attributes, Optional<String> groupId, int receiveCount,
                            Instant sentAt, State state, String sqsBody, Map<String, MessageAttribute> sqsAttributes) {

    /** Where a message is in its queue. */
    public enum State {
        /** Receivable (on FIFO queues possibly held back by its group). */
        VISIBLE,
        /** Received, not acknowledged, invisible until its visibility timeout lapses. */
        IN_FLIGHT,
        /** Waiting for the queue's delivery delay. */
        DELAYED
    }

    public QueuedMessage {
        attributes = Map.copyOf(attributes);
        sqsAttributes = Map.copyOf(sqsAttributes);
    }

    /** The reason recorded by {@link MessageSource#deadLetter}, if the message was dead-lettered that way. */
    public Optional<String> deadLetterReason() {
        return attribute(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE);
    }

    /** The string value of an attribute, if present and not binary. */
    public Optional<String> attribute(String name) {
        MessageAttribute a = attributes.get(name);
        return a == null ? Optional.empty() : Optional.ofNullable(a.stringValue());
    }
}
