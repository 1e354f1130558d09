package io.msgflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgflow.MsgflowException;
import java.io.IOException;

/** The one shared Jackson mapper of msgflow's own JSON (envelopes, attributes, policies). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Recognises documents of any depth and number length without building them: whether a body
     * is JSON must not depend on the tree reader's limits (a document nested 200 000 deep is JSON,
     * for the database to refuse, not text to store as a string).
     */
    private static final JsonFactory DOCUMENTS = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build()).build();

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

    /** Whether the text is exactly one JSON value (whitespace around it allowed, nothing after it). */
    public static boolean isDocument(String text) {
        if (text == null) {
            return false;
        }
        try (JsonParser parser = DOCUMENTS.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A body as JSON text for a JSON column: the body itself when it is one JSON document, else a
     * JSON string holding the body (plain text {@code Disk full} becomes {@code "Disk full"}).
     */
    public static String documentOrString(String body) {
        return isDocument(body) ? body : write(body);
    }

    public static boolean isArray(String text) {
        JsonNode node = tryParse(text);
        return node != null && node.isArray();
    }
}
