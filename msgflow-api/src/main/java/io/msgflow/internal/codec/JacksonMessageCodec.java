package io.msgflow.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.codec.CodecException;
import io.msgflow.codec.MessageCodec;
import io.msgflow.codec.TypeNaming;
import io.msgflow.codec.UnknownMessageTypeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link MessageCodec} on Jackson. */
public final class JacksonMessageCodec implements MessageCodec {
    private final ObjectMapper mapper;
    private final Map<String, Class<?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, String> byType = new LinkedHashMap<>();

    public JacksonMessageCodec(Registry registry, ObjectMapper mapper, TypeNaming naming) {
        this.mapper = mapper != null ? mapper
                : new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Map.Entry<Class<?>, String> e : registry.entries.entrySet()) {
            String name = e.getValue() != null ? e.getValue() : naming.typeName(e.getKey());
            if (name == null || name.isBlank()) {
                throw new InvalidConfigurationException("typeName", "message type name of " + e.getKey().getName() + " must not be empty");
            }
            Class<?> previous = byName.putIfAbsent(name, e.getKey());
            if (previous != null) {
                throw new InvalidConfigurationException("typeName", "message type '" + name + "' is registered for both "
                        + previous.getName() + " and " + e.getKey().getName());
            }
            byType.put(e.getKey(), name);
        }
    }

    @Override
    public Message encode(Object payload) {
        String type = typeName(Objects.requireNonNull(payload, "payload").getClass());
        try {
            return Message.builder().type(type).body(mapper.writeValueAsString(payload)).build();
        } catch (JsonProcessingException e) {
            throw new CodecException(type, "cannot encode " + payload.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
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
        return read(type, body, javaType);
    }

    @Override
    public <T> T decode(Message message, Class<T> javaType) {
        String expected = typeName(javaType);
        if (!expected.equals(message.type())) {
            throw new CodecException(message.type(), "message " + message.id() + " has type '" + message.type()
                    + "', not '" + expected + "' of " + javaType.getName(), null);
        }
        return javaType.cast(decode(message));
    }

    private Object read(String type, String body, Class<?> javaType) {
        try {
            Object value = mapper.readValue(body, javaType);
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
        String name = byType.get(javaType);
        if (name == null) {
            throw new CodecException(null, "Java type " + javaType.getName() + " is not registered with the codec; registered: "
                    + byType.keySet().stream().map(Class::getSimpleName).toList(), null);
        }
        return name;
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
        private final Map<Class<?>, String> entries = new LinkedHashMap<>();

        public void add(Class<?> javaType, String typeName) {
            entries.put(Objects.requireNonNull(javaType, "javaType"), typeName);
        }
    }
}
