package io.msgflow.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgflow.Message;
import io.msgflow.internal.codec.JacksonMessageCodec;
import java.util.Optional;
import java.util.Set;

/**
 * Maps typed payloads (records or beans) to messages and back: the body is the payload's JSON,
 * the message type is the registered name of its Java type ({@code Notification} ↔
 * {@code notification}, {@code CriticalAlert} ↔ {@code critical_alert} by default).
 * Implementations are immutable and thread-safe.
 *
 * <p><b>Bodies that are not JSON.</b> JSON stays the default; a type registered for
 * {@code String} carries plain text as it is ({@link PayloadFormat#TEXT}), a type registered for
 * {@code byte[]} carries base64 ({@link PayloadFormat#BYTES}), as SNS and SQS carry text only. One
 * Java type may serve several message types; it then needs the type named where it is used:
 *
 * <pre>{@code
 * MessageCodec plain = MessageCodec.builder()
 *     .register(String.class, "notification")     // "This is a general notification 1."
 *     .register(String.class, "critical_alert")
 *     .register(byte[].class, "thumbnail")
 *     .build();
 * Message m = plain.encode("critical_alert", "Disk almost full");
 * String text = plain.decode(m, String.class);
 * }</pre>
 *
 * <pre>{@code
 * MessageCodec codec = MessageCodec.builder()
 *     .register(Notification.class)
 *     .register(CriticalAlert.class)
 *     .build();
 * Message message = codec.encode(new Notification("disk at 80%"));
 * Notification back = codec.decode(message, Notification.class);
 * }</pre>
 */
public interface MessageCodec {

    static Builder builder() {
        return new Builder();
    }

    /**
     * A new message (fresh id) whose type is the payload's registered name and whose body is the
     * payload in that type's {@link PayloadFormat}.
     *
     * @throws CodecException when the payload's Java type is not registered, is registered for
     *         several message types (use {@link #encode(String, Object)}), or cannot be encoded
     */
    Message encode(Object payload);

    /**
     * A new message (fresh id) of {@code type} whose body is the payload in that type's
     * {@link PayloadFormat}.
     *
     * @throws UnknownMessageTypeException when nothing is registered for {@code type}
     * @throws CodecException when the payload is not of the Java type registered for {@code type},
     *         or cannot be encoded (text with a character SQS refuses, an object JSON cannot hold)
     */
    Message encode(String type, Object payload);

    /**
     * The body for a value written under {@code type} (what a handler returns for the sink): text
     * as it is and bytes as base64 when {@code type} is registered so, JSON otherwise (also for
     * types the codec does not know).
     *
     * @throws CodecException when the value cannot be encoded
     */
    String encodeBody(String type, Object value);

    /** How bodies of a registered message type carry their payload; empty for an unknown type. */
    Optional<PayloadFormat> format(String typeName);

    /** The payload of a message, as the Java type registered for its type. */
    Object decode(Message message);

    /**
     * The payload of a body, as the Java type registered for {@code type}.
     *
     * @throws UnknownMessageTypeException when nothing is registered for {@code type}
     * @throws CodecException when the body is not valid JSON for that Java type (or, for bytes,
     *         not base64); a text body is returned as it is
     */
    Object decode(String type, String body);

    /** The payload of a message as {@code javaType}; the message's type must be one registered for it. */
    <T> T decode(Message message, Class<T> javaType);

    /**
     * The registered message type name of a Java type.
     *
     * @throws CodecException when the Java type is not registered, or is registered for several
     *         message types
     */
    String typeName(Class<?> javaType);

    /** The Java type registered for a message type name. */
    Optional<Class<?>> javaType(String typeName);

    /** All registered message type names. */
    Set<String> typeNames();

    /** Builds a Jackson-based {@link MessageCodec}. */
    final class Builder {
        private final JacksonMessageCodec.Registry registry = new JacksonMessageCodec.Registry();
        private ObjectMapper mapper;
        private TypeNaming naming = TypeNaming.SNAKE_CASE;

        private Builder() {
        }

        /**
         * Registers a payload type under the name {@link #typeNaming(TypeNaming)} derives; its
         * format is {@link PayloadFormat#TEXT} for {@code String}, {@link PayloadFormat#BYTES} for
         * {@code byte[]}, {@link PayloadFormat#JSON} for everything else.
         */
        public Builder register(Class<?> javaType) {
            registry.add(javaType, null);
            return this;
        }

        /**
         * Registers a payload type under an explicit message type name; a Java type may be
         * registered under several names (plain text of two types: {@code register(String.class,
         * "notification").register(String.class, "critical_alert")}).
         */
        public Builder register(Class<?> javaType, String typeName) {
            registry.add(javaType, typeName);
            return this;
        }

        /** The mapper for bodies; default: a plain mapper that ignores unknown properties. */
        public Builder objectMapper(ObjectMapper value) {
            this.mapper = value;
            return this;
        }

        public Builder typeNaming(TypeNaming value) {
            this.naming = value;
            return this;
        }

        public MessageCodec build() {
            return new JacksonMessageCodec(registry, mapper, naming);
        }
    }
}
