package io.msgflow.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.internal.Definitions;

/** JSON for tests; ' stands for " and ` for ' (inside intrinsic functions), so definitions read well in Java strings. */
public final class Json {
    private Json() {
    }

    public static String quote(String text) {
        return text.replace('\'', '"').replace('`', '\'');
    }

    public static JsonNode of(String text) {
        try {
            return Definitions.MAPPER.readTree(quote(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
