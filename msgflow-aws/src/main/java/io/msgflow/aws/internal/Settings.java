package io.msgflow.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the attributes a resource should have with those it has. Absent attributes count as
 * their AWS default; JSON-valued attributes (policies) compare as JSON, numbers and their text
 * alike, key order ignored.
 */
final class Settings {
    private Settings() {
    }

    /** How an attribute's values compare. */
    enum Comparison {
        TEXT,
        /** As JSON values: key order ignored, {@code 5} and {@code "5"} differ (as in filter policies). */
        JSON,
        /** As JSON values whose scalars compare as text: {@code 5} and {@code "5"} alike (as AWS echoes policies). */
        JSON_SCALARS_AS_TEXT
    }

    /**
     * The differences, by attribute name, between {@code expected} and {@code actual}.
     *
     * @param defaults the value AWS reports as absent, by attribute name
     * @param comparisons how values compare, by attribute name; {@code TEXT} when absent
     */
    static Map<String, ProvisioningReport.Difference> differences(Map<String, String> expected, Map<String, String> actual,
                                                                 Map<String, String> defaults, Map<String, Comparison> comparisons) {
        Map<String, ProvisioningReport.Difference> differences = new LinkedHashMap<>();
        expected.forEach((name, want) -> {
            String have = actual.getOrDefault(name, defaults.getOrDefault(name, ""));
            boolean same = switch (comparisons.getOrDefault(name, Comparison.TEXT)) {
                case TEXT -> want.equals(have);
                case JSON -> sameJson(want, have, false);
                case JSON_SCALARS_AS_TEXT -> sameJson(want, have, true);
            };
            if (!same) {
                differences.put(name, new ProvisioningReport.Difference(name, show(want), show(have)));
            }
        });
        return differences;
    }

    static ProvisioningReport.Status status(Map<String, ProvisioningReport.Difference> differences, DriftMode mode, boolean allCorrectable) {
        if (differences.isEmpty()) {
            return ProvisioningReport.Status.UNCHANGED;
        }
        return mode == DriftMode.CORRECT && allCorrectable ? ProvisioningReport.Status.CORRECTED : ProvisioningReport.Status.DRIFTED;
    }

    static List<ProvisioningReport.Difference> list(Map<String, ProvisioningReport.Difference> differences) {
        return new ArrayList<>(differences.values());
    }

    /** Whether two JSON texts are the same value; an empty text or {@code {}} means none. */
    static boolean sameJson(String a, String b, boolean scalarsAsText) {
        JsonNode x = normalized(a, scalarsAsText);
        JsonNode y = normalized(b, scalarsAsText);
        return x == null ? y == null : x.equals(y);
    }

    private static JsonNode normalized(String text, boolean scalarsAsText) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode node = Json.tryParse(text);
        if (node == null) {
            return JsonNodeFactory.instance.textNode(text);
        }
        if (node.isObject() && node.isEmpty()) {
            return null;
        }
        return scalarsAsText ? textLeaves(node) : node;
    }

    private static JsonNode textLeaves(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), textLeaves(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(textLeaves(v)));
            return copy;
        }
        return node.isNumber() || node.isBoolean() ? JsonNodeFactory.instance.textNode(node.asText()) : node;
    }

    private static String show(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
