package io.msgflow.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.internal.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the attributes a resource should have with those it has, as AWS means them: absent
 * attributes count as their AWS default; numbers and booleans as SQS normalises them; policies as
 * JSON values whatever their whitespace, key order, statement order and {@code Sid}s.
 */
final class Settings {
    private Settings() {
    }

    /** How an attribute's values compare. */
    enum Comparison {
        TEXT,
        /** As numbers: {@code 45}, {@code 045} and {@code 45.0} alike. */
        NUMBER,
        /** As booleans, case ignored. */
        BOOLEAN,
        /** As JSON values: key order ignored, {@code 5} and {@code "5"} differ. */
        JSON,
        /**
         * As SNS filter policies: JSON values whose arrays of alternatives compare as sets; the
         * operand list of {@code numeric} keeps its order ({@code [">", 0, "<", 10]}).
         */
        FILTER_POLICY,
        /** As JSON values whose scalars compare as text: {@code 5} and {@code "5"} alike (as AWS echoes redrive policies). */
        JSON_SCALARS_AS_TEXT,
        /**
         * As IAM policies: scalars as text, the identifiers {@code Id} and {@code Sid} ignored, every array (statements,
         * actions, resources, condition values) a set, a one-element array the same as its element.
         */
        POLICY
    }

    /** Whether the mode creates missing resources. */
    static boolean creates(DriftMode mode) {
        return mode != DriftMode.VERIFY;
    }

    /** Whether the mode changes existing resources. */
    static boolean corrects(DriftMode mode) {
        return mode == DriftMode.CORRECT || mode == DriftMode.CORRECT_INCLUDING_DELIVERY;
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
            if (!same(comparisons.getOrDefault(name, Comparison.TEXT), want, have)) {
                differences.put(name, new ProvisioningReport.Difference(name, show(want), show(have)));
            }
        });
        return differences;
    }

    static boolean same(Comparison comparison, String want, String have) {
        return switch (comparison) {
            case TEXT -> want.equals(have);
            case NUMBER -> sameNumber(want, have);
            case BOOLEAN -> want.trim().equalsIgnoreCase(have.trim());
            case JSON -> sameJson(want, have, false);
            case FILTER_POLICY -> same(normalized(want, false), normalized(have, false), Settings::filterPolicyCanonical);
            case JSON_SCALARS_AS_TEXT -> sameJson(want, have, true);
            case POLICY -> same(normalized(want, true), normalized(have, true), Settings::policyCanonical);
        };
    }

    static ProvisioningReport.Status status(Map<String, ProvisioningReport.Difference> differences, DriftMode mode, boolean allCorrectable) {
        if (differences.isEmpty()) {
            return ProvisioningReport.Status.UNCHANGED;
        }
        return corrects(mode) && allCorrectable ? ProvisioningReport.Status.CORRECTED : ProvisioningReport.Status.DRIFTED;
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

    private static boolean same(JsonNode x, JsonNode y, java.util.function.UnaryOperator<JsonNode> canonical) {
        return x == null ? y == null : y != null && canonical.apply(x).equals(canonical.apply(y));
    }

    private static boolean sameNumber(String want, String have) {
        try {
            return new BigDecimal(want.trim()).compareTo(new BigDecimal(have.trim())) == 0;
        } catch (NumberFormatException e) {
            return want.equals(have);
        }
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

    /** Every array sorted, except the operands of {@code numeric}; object keys compare unordered already. */
    private static JsonNode filterPolicyCanonical(JsonNode node) {
        return canonical(node, Set.of(), false, key -> !"numeric".equals(key));
    }

    private static JsonNode policyCanonical(JsonNode node) {
        return canonical(node, Set.of("Sid", "Id"), true, key -> true);
    }

    private static JsonNode canonical(JsonNode node, Set<String> ignoredKeys, boolean unwrapSingletons,
                                      java.util.function.Predicate<String> arrayIsSet) {
        return canonical(node, null, ignoredKeys, unwrapSingletons, arrayIsSet);
    }

    private static JsonNode canonical(JsonNode node, String key, Set<String> ignoredKeys, boolean unwrapSingletons,
                                      java.util.function.Predicate<String> arrayIsSet) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                if (!ignoredKeys.contains(e.getKey())) {
                    copy.set(e.getKey(), canonical(e.getValue(), e.getKey(), ignoredKeys, unwrapSingletons, arrayIsSet));
                }
            });
            return copy;
        }
        if (!node.isArray()) {
            return node;
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(v -> items.add(canonical(v, key, ignoredKeys, unwrapSingletons, arrayIsSet)));
        if (unwrapSingletons && items.size() == 1) {
            return items.get(0);
        }
        if (arrayIsSet.test(key)) {
            items.sort(Comparator.comparing(JsonNode::toString));
        }
        ArrayNode copy = JsonNodeFactory.instance.arrayNode();
        items.forEach(copy::add);
        return copy;
    }

    private static String show(String value) {
        return value == null || value.isEmpty() ? "none" : value.length() > 2000
                ? value.substring(0, 2000) + "... (" + value.length() + " characters)" : value;
    }
}
