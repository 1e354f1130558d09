package io.msgflow.sink;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row-to-be for a sink: the message id the sink is idempotent on, the type that selects the
 * table, the body (JSON, or text for a type that is not JSON), the attributes, when it was
 * published, and the ids the transports gave the delivery it came from, so a table can be keyed
 * on another id than msgflow's (see {@link RecordId}).
 *
 * @param messageId msgflow's logical id: the {@code msgflow_id} attribute, else the SNS
 *                  MessageId, else the SQS MessageId (as {@code ReceivedMessage#id()})
 * @param snsMessageId the SNS MessageId, when the message came in an SNS envelope
 * @param sqsMessageId the SQS MessageId of the delivery, when it came from a queue
 */
public record SinkRecord(String messageId, String type, String body, Map<String, MessageAttribute> attributes, Instant publishedAt,
                         Optional<String> snsMessageId, Optional<String> sqsMessageId) {
    public SinkRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(snsMessageId, "snsMessageId");
        Objects.requireNonNull(sqsMessageId, "sqsMessageId");
    }

    /** A record without transport ids (written directly, not from a delivery). */
    public SinkRecord(String messageId, String type, String body, Map<String, MessageAttribute> attributes, Instant publishedAt) {
        this(messageId, type, body, attributes, publishedAt, Optional.empty(), Optional.empty());
    }

    /** The record of a message, as it is. */
    public static SinkRecord of(Message message) {
        return new SinkRecord(message.id(), message.type(), message.body(), message.attributes(), message.timestamp().orElse(null));
    }

    /** The id of this record that {@code which} names, if the record has it. */
    public Optional<String> id(RecordId which) {
        return switch (which) {
            case MESSAGE_ID -> Optional.of(messageId);
            case SNS_MESSAGE_ID -> snsMessageId;
            case SQS_MESSAGE_ID -> sqsMessageId;
        };
    }
}
