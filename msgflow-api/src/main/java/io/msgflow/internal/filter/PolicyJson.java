package io.msgflow.internal.filter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.filter.InvalidFilterPolicyException;
import io.msgflow.internal.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON reading of policies and message content: decimals kept exact (numbers are compared at
 * SNS precision afterwards), trailing text rejected.
 */
public final class PolicyJson {
    private static final ObjectReader CONTENT = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader POLICY = CONTENT.with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private PolicyJson() {
    }

    /** Message content (a body, a String.Array value) as a tree, or {@code null} when it is not JSON. */
    public static JsonNode readContent(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return CONTENT.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A policy as a tree. */
    static JsonNode readPolicy(String text) {
        try {
            JsonNode tree = POLICY.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidFilterPolicyException(InvalidFilterPolicyException.NOT_JSON, "the policy is empty text");
            }
            return tree;
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new InvalidFilterPolicyException(InvalidFilterPolicyException.DUPLICATE_KEY, e.getOriginalMessage());
            }
            throw notJson(e);
        } catch (JacksonException e) {
            throw notJson(e);
        }
    }

    private static InvalidFilterPolicyException notJson(JacksonException e) {
        return new InvalidFilterPolicyException(InvalidFilterPolicyException.NOT_JSON, e.getOriginalMessage());
    }

    /** The policy with object keys sorted and numbers as SNS compares them: the basis of policy equality. */
    static String normalized(JsonNode policy) {
        return Json.write(canonical(policy));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                sorted.put(entry.getKey(), canonical(entry.getValue()));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            copy.setAll(sorted);
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        if (node.isNumber()) {
            return DecimalNode.valueOf(PolicyNumbers.canonical(node.decimalValue()));
        }
        return node;
    }
}
