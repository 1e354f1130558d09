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

    /** A new message (fresh id) whose type is the payload's registered name and whose body is its JSON. */
    Message encode(Object payload);

    /** The payload of a message, as the Java type registered for its type. */
    Object decode(Message message);

    /**
     * The payload of a body, as the Java type registered for {@code type}.
     *
     * @throws UnknownMessageTypeException when nothing is registered for {@code type}
     * @throws CodecException when the body is not valid JSON for that Java type
     */
    Object decode(String type, String body);

    /** The payload of a message as {@code javaType}; the message's type must be the one registered for it. */
    <T> T decode(Message message, Class<T> javaType);

    /** The registered message type name of a Java type. */
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

        /** Registers a payload type under the name {@link #typeNaming(TypeNaming)} derives. */
        public Builder register(Class<?> javaType) {
            registry.add(javaType, null);
            return this;
        }

        /** Registers a payload type under an explicit message type name. */
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
