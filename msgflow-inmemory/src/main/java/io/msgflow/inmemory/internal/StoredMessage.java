package io.msgflow.inmemory.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.internal.Deliveries.Unwrapping;
import java.time.Instant;
import java.util.Map;

/**
 * A message exactly as an SQS queue holds it: the body (the published body, or the SNS envelope)
 * and the SQS message attributes (none for envelope delivery). Consumers read it through
 * {@link io.msgflow.internal.Deliveries}, as they read a real SQS message. Immutable.
 *
 * @param sqsMessageId the SQS MessageId
 * @param groupId FIFO message group, or {@code null}
 * @param sentAt when the queue accepted it
 * @param unwrapping whether the body is an envelope: the emulator knows how each copy was delivered
 */
record StoredMessage(String sqsMessageId, String sqsBody, Map<String, MessageAttribute> sqsAttributes, String groupId,
                     Instant sentAt, Unwrapping unwrapping) {

    /** A message delivered raw (sent to the queue, or by a raw subscription): never unwrapped. */
    static StoredMessage of(String sqsBody, Map<String, MessageAttribute> sqsAttributes, String groupId, Instant sentAt) {
        return new StoredMessage(Ids.uuid(), sqsBody, Map.copyOf(sqsAttributes), groupId, sentAt, Unwrapping.NEVER);
    }

    /** An SNS envelope, delivered by a subscription without raw delivery. */
    static StoredMessage envelope(String envelope, String groupId, Instant sentAt) {
        return new StoredMessage(Ids.uuid(), envelope, Map.of(), groupId, sentAt, Unwrapping.EXPECTED);
    }

    /** A new SQS message with the same body, group and delivery mode and these SQS attributes (SQS SendMessage of a copy). */
    StoredMessage copyWith(Map<String, MessageAttribute> newSqsAttributes, Instant newSentAt) {
        return new StoredMessage(Ids.uuid(), sqsBody, Map.copyOf(newSqsAttributes), groupId, newSentAt, unwrapping);
    }
}
