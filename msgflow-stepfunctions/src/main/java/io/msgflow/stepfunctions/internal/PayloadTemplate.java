package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.StatesErrors;
import java.util.Map;

/**
 * A payload template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector}): a field
 * whose name ends in {@code .$} is replaced by the field without the suffix, holding what its
 * value (a path on the input, a {@code $$} path on the context object, or an intrinsic function)
 * yields; other values are copied. Objects nested in objects and arrays are processed the same way.
 */
public final class PayloadTemplate {
    private PayloadTemplate() {
    }

    /**
     * @throws StatesFailure {@code States.ParameterPathFailure} when a path selects nothing,
     *         {@code States.IntrinsicFailure} when a function fails
     */
    public static JsonNode apply(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String name = field.getKey();
                if (name.endsWith(".$")) {
                    out.set(name.substring(0, name.length() - 2), resolve(name, field.getValue().asText(), input, context));
                } else {
                    out.set(name, apply(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(item -> out.add(apply(item, input, context)));
            return out;
        }
        return template;
    }

    private static JsonNode resolve(String field, String expression, JsonNode input, JsonNode context) {
        if (Intrinsics.isCall(expression)) {
            return Intrinsics.evaluate(expression, input, context);
        }
        JsonPath path = JsonPath.parse(expression);
        return path.select(path.isContext() ? context : input).orElseThrow(() -> new StatesFailure(StatesErrors.PARAMETER_PATH_FAILURE,
                "the JSONPath '" + expression + "' specified for the field '" + field + "' could not be found in the "
                        + (path.isContext() ? "context object" : "input") + " (a path selecting nothing fails, as the specification says)"));
    }
}
