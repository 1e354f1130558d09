package io.msgflow.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The leaf values of a JSON value: a scalar is one, an array gives its scalar elements (nested arrays too), an object none. */
final class JsonLeaves {
    private JsonLeaves() {
    }

    static void collect(JsonNode node, List<FieldValue> into) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, into);
            }
            return;
        }
        FieldValue value = FieldValue.ofScalar(node);
        if (value != null) {
            into.add(value);
        }
    }
}
