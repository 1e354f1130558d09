package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/** The JSON mapper of the interpreter: duplicate keys refused, numbers kept exact, nesting bounded. */
public final class Definitions {
    /** Step Functions' largest state input or output: 256 KiB of UTF-8. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Deepest JSON nesting accepted, in definitions and payloads. */
    public static final int MAX_NESTING = 200;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
    }

    private Definitions() {
    }

    /** The size of {@code value} as compact UTF-8 JSON. */
    public static int sizeOf(JsonNode value) {
        return toJson(value).getBytes(StandardCharsets.UTF_8).length;
    }

    public static String toJson(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
