package io.msgflow.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.codec.CodecException;
import io.msgflow.codec.MessageCodec;
import io.msgflow.codec.PayloadFormat;
import io.msgflow.codec.TypeNaming;
import io.msgflow.codec.UnknownMessageTypeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MessageCodec} on Jackson: JSON for records and beans, the body as it is for
 * {@code String}, base64 for {@code byte[]}. One Java type may serve several message types.
 */
public final class JacksonMessageCodec implements MessageCodec {
    private final ObjectMapper mapper;
    private final Map<String, Class<?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, List<String>> byType = new LinkedHashMap<>();

    public JacksonMessageCodec(Registry registry, ObjectMapper mapper, TypeNaming naming) {
        this.mapper = mapper != null ? mapper
                : new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Registry.Entry e : registry.entries) {
            String name = e.typeName() != null ? e.typeName() : naming.typeName(e.javaType());
            if (name == null || name.isBlank()) {
                throw new InvalidConfigurationException("typeName", "message type name of " + e.javaType().getName() + " must not be empty");
            }
            Class<?> previous = byName.putIfAbsent(name, e.javaType());
            if (previous != null && previous != e.javaType()) {
                throw new InvalidConfigurationException("typeName", "message type '" + name + "' is registered for both "
                        + previous.getName() + " and " + e.javaType().getName());
            }
            if (previous == null) {
                byType.computeIfAbsent(e.javaType(), t -> new ArrayList<>(1)).add(name);
            }
        }
    }

    @Override
    public Message encode(Object payload) {
        return encode(typeName(Objects.requireNonNull(payload, "payload").getClass()), payload);
    }

    @Override
    public Message encode(String type, Object payload) {
        Objects.requireNonNull(payload, "payload");
        Class<?> javaType = byName.get(type);
        if (javaType == null) {
            throw new UnknownMessageTypeException(type, byName.keySet());
        }
        if (!javaType.isInstance(payload)) {
            throw new CodecException(type, "message type '" + type + "' is registered for " + javaType.getName()
                    + ", but the payload is a " + payload.getClass().getName(), null);
        }
        return Message.builder().type(type).body(encodeBody(type, payload)).build();
    }

    @Override
    public String encodeBody(String type, Object value) {
        Objects.requireNonNull(value, "value");
        PayloadFormat format = format(type).orElse(PayloadFormat.JSON);
        if (format == PayloadFormat.TEXT && value instanceof CharSequence) {
            return PayloadBodies.text(type, (CharSequence) value);
        }
        if (format == PayloadFormat.BYTES && value instanceof byte[]) {
            return PayloadBodies.bytes((byte[]) value);
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CodecException(type, "cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Optional<PayloadFormat> format(String typeName) {
        return javaType(typeName).map(JacksonMessageCodec::formatOf);
    }

    private static PayloadFormat formatOf(Class<?> javaType) {
        if (javaType == String.class) {
            return PayloadFormat.TEXT;
        }
        return javaType == byte[].class ? PayloadFormat.BYTES : PayloadFormat.JSON;
    }

    @Override
    public Object decode(Message message) {
        try {
            return decode(message.type(), message.body());
        } catch (UnknownMessageTypeException e) {
            throw e;
        } catch (CodecException e) {
            throw new CodecException(message.type(), "message " + message.id() + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public Object decode(String type, String body) {
        Class<?> javaType = byName.get(type);
        if (javaType == null) {
            throw new UnknownMessageTypeException(type, byName.keySet());
        }
        switch (formatOf(javaType)) {
            case TEXT:
                return body;
            case BYTES:
                return PayloadBodies.bytes(type, body);
            default:
                return read(type, body, javaType);
        }
    }

    @Override
    public <T> T decode(Message message, Class<T> javaType) {
        if (byName.get(message.type()) != javaType) {
            throw new CodecException(message.type(), "message " + message.id() + " has type '" + message.type()
                    + "', not '" + String.join("' or '", typeNames(javaType)) + "' of " + javaType.getName(), null);
        }
        return javaType.cast(decode(message));
    }

    private Object read(String type, String body, Class<?> javaType) {
        try {
            // Trailing content ({"text":"x"} {...}) is a decoding failure, whatever the user's mapper allows.
            Object value = mapper.readerFor(javaType).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
            if (value == null) {
                throw new CodecException(type, "body of type '" + type + "' is JSON null, expected " + javaType.getSimpleName(), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CodecException(type, "body is not valid JSON for type '" + type + "' (" + javaType.getSimpleName() + "): "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String typeName(Class<?> javaType) {
        List<String> names = typeNames(javaType);
        if (names.size() > 1) {
            throw new CodecException(null, "Java type " + javaType.getName() + " is registered for message types " + names
                    + "; name the type: encode(type, payload), or on(type, " + javaType.getSimpleName() + ".class, handler)", null);
        }
        return names.get(0);
    }

    private List<String> typeNames(Class<?> javaType) {
        List<String> names = byType.get(javaType);
        if (names == null) {
            throw new CodecException(null, "Java type " + javaType.getName() + " is not registered with the codec; registered: "
                    + byType.keySet().stream().map(Class::getSimpleName).toList(), null);
        }
        return names;
    }

    @Override
    public Optional<Class<?>> javaType(String typeName) {
        return Optional.ofNullable(byName.get(typeName));
    }

    @Override
    public Set<String> typeNames() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** Registrations collected by the builder, in order. */
    public static final class Registry {
        private final List<Entry> entries = new ArrayList<>();

        public void add(Class<?> javaType, String typeName) {
            entries.add(new Entry(Objects.requireNonNull(javaType, "javaType"), typeName));
        }

        private record Entry(Class<?> javaType, String typeName) {
        }
    }
}
