package io.msgflow.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.AttributeType;
import io.msgflow.MessageAttribute;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Message attributes as SNS filters them: a String attribute is a string, a Number attribute a
 * number, a String.Array attribute the typed elements of its JSON array; Binary attributes are
 * ignored, as if absent.
 *
 * <p>SNS requires double quotes and backslashes in String attribute values to be double-escaped in
 * attribute-scope policies: the policy string {@code a\"b} matches the attribute value
 * {@code a"b}. So a String value is compared in its JSON-escaped form.
 */
public final class AttributeMessageView implements MessageView {
    private final Map<String, MessageAttribute> attributes;

    public AttributeMessageView(Map<String, MessageAttribute> attributes) {
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    @Override
    public FieldValues values(List<String> path) {
        MessageAttribute attribute = attributes.get(path.get(0));
        if (attribute == null) {
            return FieldValues.ABSENT;
        }
        return switch (attribute.type()) {
            case STRING -> FieldValues.of(FieldValue.string(escaped(attribute.stringValue())));
            case NUMBER -> FieldValues.of(FieldValue.number(new BigDecimal(attribute.stringValue().trim())));
            case STRING_ARRAY -> arrayValues(attribute.stringValue());
            case BINARY -> FieldValues.ABSENT;
        };
    }

    @Override
    public boolean isEmpty() {
        for (MessageAttribute attribute : attributes.values()) {
            if (attribute != null && attribute.type() != AttributeType.BINARY) {
                return false;
            }
        }
        return true;
    }

    private static FieldValues arrayValues(String json) {
        JsonNode array = PolicyJson.readContent(json);
        List<FieldValue> values = new ArrayList<>();
        if (array != null) {
            JsonLeaves.collect(array, values);
        }
        return FieldValues.of(values);
    }

    /** A String attribute value as a policy must spell it: double quotes and backslashes escaped once more. */
    public static String escaped(String value) {
        if (value.indexOf('"') < 0 && value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
