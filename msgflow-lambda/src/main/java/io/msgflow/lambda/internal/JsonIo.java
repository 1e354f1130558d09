package io.msgflow.lambda.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.msgflow.internal.Json;
import io.msgflow.lambda.LambdaInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The JSON in and out of the stream handlers, through msgflow's one mapper. */
public final class JsonIo {
    private JsonIo() {
    }

    /** The input as a tree; an empty input is a missing node. */
    public static JsonNode read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LambdaInputException("input", "the input must be JSON, but was not (" + e.getOriginalMessage() + ")");
        }
    }

    public static void write(OutputStream out, JsonNode value) throws IOException {
        out.write(Json.MAPPER.writeValueAsBytes(value));
        out.flush();
    }
}
