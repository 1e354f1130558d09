package io.msgflow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgflow.MsgflowException;

/** The one shared Jackson mapper of msgflow's own JSON (envelopes, attributes, policies). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MsgflowException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The parsed tree, or {@code null} when the text is not JSON. */
    public static JsonNode tryParse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static boolean isArray(String text) {
        JsonNode node = tryParse(text);
        return node != null && node.isArray();
    }
}
