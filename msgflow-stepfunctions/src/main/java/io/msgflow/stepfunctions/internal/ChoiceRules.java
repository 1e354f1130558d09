package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.StatesErrors;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the rules of a Choice state. A comparison whose variable has another type than the
 * operator expects is false (not an error), as the specification says; a variable whose path
 * selects nothing fails the state with {@code States.Runtime}, except under {@code IsPresent}.
 * {@code StringMatches} supports {@code *} (any run of characters) and the escapes {@code \*} and
 * {@code \\}, matched in linear time.
 */
public final class ChoiceRules {
    /** Every data-test operator, without its {@code Path} variants. */
    public static final List<String> COMPARISONS = List.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches",
            "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
            "BooleanEquals",
            "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
            "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");
    /** The type tests: their value must be a boolean. */
    public static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    private ChoiceRules() {
    }

    /** The comparison operator a data-test rule uses ({@code StringEquals}, {@code NumericLessThanPath}…), or null. */
    public static String operatorOf(JsonNode rule) {
        for (String op : COMPARISONS) {
            if (rule.has(op)) {
                return op;
            }
            if (!TYPE_TESTS.contains(op) && !op.equals("StringMatches") && rule.has(op + "Path")) {
                return op + "Path";
            }
        }
        return null;
    }

    /** Whether {@code rule} holds on {@code input}. */
    public static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        return test(rule, input, context);
    }

    private static boolean test(JsonNode rule, JsonNode input, JsonNode context) {
        String op = operatorOf(rule);
        String variable = rule.get("Variable").asText();
        Optional<JsonNode> selected = select(variable, input, context);
        if (op.equals("IsPresent")) {
            return selected.isPresent() == rule.get(op).asBoolean();
        }
        JsonNode value = selected.orElseThrow(() -> new StatesFailure(StatesErrors.RUNTIME,
                "Invalid path '" + variable + "': the choice state's condition path references an invalid value"));
        if (TYPE_TESTS.contains(op)) {
            return typeTest(op, value) == rule.get(op).asBoolean();
        }
        boolean byPath = op.endsWith("Path");
        String base = byPath ? op.substring(0, op.length() - 4) : op;
        JsonNode expected = rule.get(op);
        if (byPath) {
            String path = expected.asText();
            expected = select(path, input, context).orElseThrow(() -> new StatesFailure(StatesErrors.RUNTIME,
                    "Invalid path '" + path + "' of " + op + ": the choice state's comparison path references an invalid value"));
        }
        return compare(base, value, expected);
    }

    private static Optional<JsonNode> select(String path, JsonNode input, JsonNode context) {
        JsonPath p = JsonPath.parse(path);
        return p.select(p.isContext() ? context : input);
    }

    private static boolean typeTest(String op, JsonNode value) {
        return switch (op) {
            case "IsNull" -> value.isNull();
            case "IsNumeric" -> value.isNumber();
            case "IsString" -> value.isTextual();
            case "IsBoolean" -> value.isBoolean();
            default -> timestamp(value) != null;
        };
    }

    private static boolean compare(String base, JsonNode value, JsonNode expected) {
        if (base.startsWith("String")) {
            if (!value.isTextual() || !expected.isTextual()) {
                return false;
            }
            if (base.equals("StringMatches")) {
                return wildcardMatch(value.asText(), expected.asText());
            }
            return holds(base.substring("String".length()), value.asText().compareTo(expected.asText()));
        }
        if (base.startsWith("Numeric")) {
            return value.isNumber() && expected.isNumber()
                    && holds(base.substring("Numeric".length()), value.decimalValue().compareTo(expected.decimalValue()));
        }
        if (base.equals("BooleanEquals")) {
            return value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
        }
        OffsetDateTime a = timestamp(value);
        OffsetDateTime b = timestamp(expected);
        return a != null && b != null && holds(base.substring("Timestamp".length()), a.toInstant().compareTo(b.toInstant()));
    }

    private static boolean holds(String relation, int order) {
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            default -> order >= 0;
        };
    }

    /** An RFC 3339 timestamp with an uppercase T and an offset (or Z), as the specification requires; null otherwise. */
    static OffsetDateTime timestamp(JsonNode value) {
        if (!value.isTextual() || value.asText().indexOf('T') < 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code *} matches any run of characters; {@code \*} a star, {@code \\} a backslash. One backtrack point, so at worst text × pattern steps. */
    static boolean wildcardMatch(String text, String pattern) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = ++p;
                starT = t;
                continue;
            }
            if (p < pattern.length()) {
                int width = pattern.charAt(p) == '\\' && p + 1 < pattern.length() ? 2 : 1;
                char literal = pattern.charAt(p + width - 1);
                if (literal == text.charAt(t)) {
                    p += width;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            t = ++starT;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
