package io.msgflow.sink;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row-to-be for a sink: the message id the sink is idempotent on, the type that selects the
 * table, the JSON body, the attributes and when it was published.
 */
public record SinkRecord(String messageId, String type, String body, Map<String, MessageAttribute> attributes, Instant publishedAt) {
    public SinkRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
    }

    /** The record of a message, as it is. */
    public static SinkRecord of(Message message) {
        return new SinkRecord(message.id(), message.type(), message.body(), message.attributes(), message.timestamp().orElse(null));
    }
}
