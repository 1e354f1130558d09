package io.msgflow.transport;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.MessageValidationException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery of a message from a queue. The same message may be delivered again (at-least-once);
 * {@link #id()} is stable across deliveries of one publication, {@link #receiptHandle()} is
 * specific to this delivery and stops working when its visibility timeout lapses.
 *
 * @param queue the queue it was received from
 * @param id the logical message id: msgflow's id attribute, else the SNS MessageId from the
 *           envelope, else the SQS MessageId
 * @param transportMessageId the SQS MessageId
 * @param receiptHandle handle for acknowledge and visibility changes of this delivery
 * @param receiveCount how many times it has been received, this time included (≥ 1)
 * @param sentAt when the queue accepted it
 * @param type the message type, when the type attribute is present
 * @param body the body; for envelope delivery, the envelope's {@code Message}
 * @param attributes all message attributes as they travelled (type and id attributes included)
 * @param groupId the FIFO message group, if any
 * @param problem why the delivery cannot become a {@link Message} (missing type, envelope not
 *                understood), if that is so; such a delivery is a permanent failure
 * @param snsMessageId the SNS MessageId from the envelope, when the delivery came in one (raw
 *                     delivery hides it): the same for every queue one publication fans out to
 */
public record ReceivedMessage(
        String queue,
        String id,
        String transportMessageId,
        String receiptHandle,
        int receiveCount,
        Instant sentAt,
        Optional<String> type,
        String body,
        Map<String, MessageAttribute> attributes,
        Optional<String> groupId,
        Optional<String> problem,
        Optional<String> snsMessageId) {

    public ReceivedMessage {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(snsMessageId, "snsMessageId");
    }

    /** A delivery whose SNS MessageId is unknown (raw delivery, or not from SNS). */
    public ReceivedMessage(String queue, String id, String transportMessageId, String receiptHandle, int receiveCount, Instant sentAt,
                           Optional<String> type, String body, Map<String, MessageAttribute> attributes, Optional<String> groupId,
                           Optional<String> problem) {
        this(queue, id, transportMessageId, receiptHandle, receiveCount, sentAt, type, body, attributes, groupId, problem, Optional.empty());
    }

    /** The same delivery with {@code another} problem added to any it has. */
    public ReceivedMessage withProblem(String another) {
        String all = problem.map(p -> p + "; " + another).orElse(another);
        return new ReceivedMessage(queue, id, transportMessageId, receiptHandle, receiveCount, sentAt, type, body, attributes, groupId,
                Optional.of(all), snsMessageId);
    }

    /** The same delivery with another receipt handle. */
    public ReceivedMessage withReceiptHandle(String handle) {
        return new ReceivedMessage(queue, id, transportMessageId, handle, receiveCount, sentAt, type, body, attributes, groupId, problem,
                snsMessageId);
    }

    /**
     * The message this delivery carries, its user attributes without the type and id attributes.
     *
     * @param userAttributes the attributes less msgflow's own, as the transport's wire format says
     * @throws MessageValidationException when the delivery has no type or another {@link #problem()}
     */
    public Message toMessage(Map<String, MessageAttribute> userAttributes) {
        if (problem.isPresent()) {
            throw new MessageValidationException("message " + id + " on queue '" + queue + "'", "must be a msgflow message", problem.get());
        }
        Message.Builder b = Message.builder().id(id).type(type.orElseThrow()).body(body).attributes(userAttributes)
                .timestamp(sentAt);
        groupId.ifPresent(b::groupId);
        return b.buildReceived();
    }
}
