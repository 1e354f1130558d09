package io.msgflow;

import io.msgflow.internal.MessageRules;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A message to publish or that was received: a logical id, a type, a body (JSON by default; plain
 * text or base64 for types the codec registers so, see {@link io.msgflow.codec.PayloadFormat}) and
 * attributes.
 *
 * <p>The <b>id</b> is assigned by the publisher's side (a random UUID unless set) and travels with
 * the message, so every delivery of the same publication carries the same id; sinks are
 * idempotent on it. The <b>type</b> travels as a message attribute (see {@link WireFormat});
 * {@link #attributes()} are the user's own attributes and never contain the type or id
 * attributes; since those two travel as attributes too, a message to publish holds at most
 * {@value MessageLimits#MAX_USER_ATTRIBUTES} of its own.
 *
 * <p>Immutable and thread-safe. {@link Builder#build()} checks the rules that concern the
 * message alone (non-empty type, attribute names and count, FIFO id lengths); the size limit,
 * which depends on the wire attributes, is checked by {@link WireFormat#validate(Message)} before
 * any I/O.
 */
public final class Message {
    private final String id;
    private final String type;
    private final String body;
    private final Map<String, MessageAttribute> attributes;
    private final String groupId;
    private final String deduplicationId;
    private final Instant timestamp;

    private Message(Builder b, int maxUserAttributes) {
        this.id = b.id != null ? b.id : UUID.randomUUID().toString();
        this.type = b.type;
        this.body = Objects.requireNonNull(b.body, "body");
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.groupId = b.groupId;
        this.deduplicationId = b.deduplicationId;
        this.timestamp = b.timestamp;
        MessageRules.check(this, maxUserAttributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A message of the given type and body with a fresh id. */
    public static Message of(String type, String body) {
        return builder().type(type).body(body).build();
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** The body: JSON text, or plain text or base64 for a type whose payload is not JSON. */
    public String body() {
        return body;
    }

    /** The user's attributes in insertion order (type and id attributes excluded). */
    public Map<String, MessageAttribute> attributes() {
        return attributes;
    }

    /** The FIFO message-group id, for FIFO topics and queues. */
    public Optional<String> groupId() {
        return Optional.ofNullable(groupId);
    }

    /** The FIFO deduplication id; without it a FIFO topic or queue needs content-based deduplication. */
    public Optional<String> deduplicationId() {
        return Optional.ofNullable(deduplicationId);
    }

    /** When the message was published, once known. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** Size of the body in UTF-8 bytes. */
    public int bodySizeInBytes() {
        return io.msgflow.internal.Utf8.length(body);
    }

    /** A builder holding this message's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().id(id).type(type).body(body).attributes(attributes).timestamp(timestamp);
        b.groupId = groupId;
        b.deduplicationId = deduplicationId;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return id.equals(m.id) && type.equals(m.type) && body.equals(m.body) && attributes.equals(m.attributes)
                && Objects.equals(groupId, m.groupId) && Objects.equals(deduplicationId, m.deduplicationId)
                && Objects.equals(timestamp, m.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, body, attributes, groupId, deduplicationId, timestamp);
    }

    @Override
    public String toString() {
        return "Message{id=" + id + ", type=" + type + ", attributes=" + attributes
                + (groupId != null ? ", groupId=" + groupId : "") + ", body=" + abbreviate(body) + "}";
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Builds a {@link Message}; not thread-safe. */
    public static final class Builder {
        private String id;
        private String type;
        private String body;
        private final Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        private String groupId;
        private String deduplicationId;
        private Instant timestamp;

        private Builder() {
        }

        /** The logical id; a random UUID when not set. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder attribute(String name, MessageAttribute value) {
            attributes.put(Objects.requireNonNull(name, "attribute name"), Objects.requireNonNull(value, "attribute value"));
            return this;
        }

        public Builder attribute(String name, String value) {
            return attribute(name, MessageAttribute.string(value));
        }

        public Builder attributes(Map<String, MessageAttribute> values) {
            values.forEach(this::attribute);
            return this;
        }

        /** FIFO only: the message group; order is kept within a group. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** FIFO only: deduplication id; a repeat within 5 minutes is accepted but not delivered again. */
        public Builder deduplicationId(String deduplicationId) {
            this.deduplicationId = deduplicationId;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * A message to publish: at most {@value MessageLimits#MAX_USER_ATTRIBUTES} user
         * attributes, since the type and id attributes take two of the ten SNS/SQS allow.
         *
         * @throws MessageValidationException when a rule of SNS/SQS is broken
         */
        public Message build() {
            return new Message(this, MessageLimits.MAX_USER_ATTRIBUTES);
        }

        /**
         * A message as a transport received it: up to {@value MessageLimits#MAX_ATTRIBUTES} user
         * attributes, since a message published without msgflow's id attribute may carry more than
         * a publishable one. Publishing such a message as it is fails the wire check.
         *
         * @throws MessageValidationException when a rule of SNS/SQS is broken
         */
        public Message buildReceived() {
            return new Message(this, MessageLimits.MAX_ATTRIBUTES);
        }
    }
}
