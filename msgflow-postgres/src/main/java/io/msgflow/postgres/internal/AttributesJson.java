package io.msgflow.postgres.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import io.msgflow.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message attributes as stored in a JSON column, in the shape SQS uses:
 * {@code {"name": {"DataType": "Number", "StringValue": "3"}}}, binary values as
 * {@code "BinaryValue"} in base64.
 */
public final class AttributesJson {
    private static final String DATA_TYPE = "DataType";
    private static final String STRING_VALUE = "StringValue";
    private static final String BINARY_VALUE = "BinaryValue";

    private AttributesJson() {
    }

    public static String write(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return "{}";
        }
        StringWriter out = new StringWriter(64 * attributes.size());
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
                writeAttribute(json, e.getKey(), e.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeAttribute(JsonGenerator json, String name, MessageAttribute attribute) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField(DATA_TYPE, attribute.dataType());
        byte[] binary = attribute.binaryValue();
        if (binary != null) {
            json.writeStringField(BINARY_VALUE, Base64.getEncoder().encodeToString(binary));
        } else {
            json.writeStringField(STRING_VALUE, attribute.stringValue());
        }
        json.writeEndObject();
    }

    /** The attributes of a stored JSON object, as {@link #write} wrote them. */
    public static Map<String, MessageAttribute> read(String text) {
        JsonNode root = Json.tryParse(text);
        if (root == null || !root.isObject()) {
            throw new MsgflowException("stored attributes must be a JSON object, but were: " + text);
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            attributes.put(e.getKey(), readAttribute(e.getValue()));
        }
        return attributes;
    }

    private static MessageAttribute readAttribute(JsonNode node) {
        String dataType = node.path(DATA_TYPE).asText();
        JsonNode binary = node.get(BINARY_VALUE);
        return binary != null
                ? MessageAttribute.ofBinary(dataType, Base64.getDecoder().decode(binary.asText()))
                : MessageAttribute.of(dataType, node.path(STRING_VALUE).asText());
    }
}
