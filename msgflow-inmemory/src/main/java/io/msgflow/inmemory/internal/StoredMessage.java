package io.msgflow.inmemory.internal;

import io.msgflow.MessageAttribute;
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
 */
record StoredMessage(String sqsMessageId, String sqsBody, Map<String, MessageAttribute> sqsAttributes, String groupId,
                     Instant sentAt) {

    static StoredMessage of(String sqsBody, Map<String, MessageAttribute> sqsAttributes, String groupId, Instant sentAt) {
        return new StoredMessage(Ids.uuid(), sqsBody, Map.copyOf(sqsAttributes), groupId, sentAt);
    }

    /** A new SQS message with the same body and group and these SQS attributes (SQS SendMessage of a copy). */
    StoredMessage copyWith(Map<String, MessageAttribute> newSqsAttributes, Instant newSentAt) {
        return of(sqsBody, newSqsAttributes, groupId, newSentAt);
    }
}
