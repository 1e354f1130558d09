package io.msgflow.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.MessageAttribute;
import io.msgflow.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds messages from the snippets of the Amazon SNS developer guide, so the tests can quote the
 * guide: {@code "store": {"Type": "String", "Value": "fans"}} lines become message attributes.
 */
final class GuideMessages {
    private GuideMessages() {
    }

    /** Message attributes written as the guide writes them, one or more {@code "name": {"Type": .., "Value": ..}} members. */
    static Map<String, MessageAttribute> attributes(String members) {
        JsonNode object = read("{" + members + "}");
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            JsonNode type = entry.getValue().get("Type");
            JsonNode value = entry.getValue().get("Value");
            String text = value.isTextual() ? value.textValue() : value.toString();
            attributes.put(entry.getKey(), MessageAttribute.of(type.textValue(), text));
        });
        return attributes;
    }

    /** Whether a policy in attribute scope accepts these guide-style attributes. */
    static boolean attributesMatch(String policy, String members) {
        return FilterPolicy.parse(policy, FilterScope.MESSAGE_ATTRIBUTES).matches(attributes(members), null);
    }

    /** Whether a policy in body scope accepts this body. */
    static boolean bodyMatches(String policy, String body) {
        return FilterPolicy.parse(policy, FilterScope.MESSAGE_BODY).matches(Map.of(), body);
    }

    /** A guide "policy property" ({@code "key": [...]}) as a whole policy. */
    static String property(String property) {
        return "{" + property + "}";
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
