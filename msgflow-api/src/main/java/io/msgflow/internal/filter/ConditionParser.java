package io.msgflow.internal.filter;

import static io.msgflow.filter.InvalidFilterPolicyException.ANYTHING_BUT;
import static io.msgflow.filter.InvalidFilterPolicyException.CIDR;
import static io.msgflow.filter.InvalidFilterPolicyException.EXISTS_BOOLEAN;
import static io.msgflow.filter.InvalidFilterPolicyException.NUMBER_RANGE;
import static io.msgflow.filter.InvalidFilterPolicyException.OPERATOR_SHAPE;
import static io.msgflow.filter.InvalidFilterPolicyException.STRING_OPERAND;
import static io.msgflow.filter.InvalidFilterPolicyException.UNKNOWN_OPERATOR;
import static io.msgflow.filter.InvalidFilterPolicyException.VALUE_TYPE;
import static io.msgflow.filter.InvalidFilterPolicyException.WILDCARD_COUNT;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.filter.InvalidFilterPolicyException;
import io.msgflow.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates one element of a key's value array into a {@link Condition}. */
final class ConditionParser {
    /** The operator names; a {@code $or} branch naming one of them is not an OR (the guide's rule). */
    static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "numeric", "exists", "cidr", "wildcard");
    private static final int MAX_WILDCARDS = 3;

    private final String key;

    private ConditionParser(String key) {
        this.key = key;
    }

    static Condition parse(JsonNode element, String key) {
        return new ConditionParser(key).condition(element);
    }

    private Condition condition(JsonNode element) {
        if (element.isObject()) {
            return operator(element);
        }
        if (element.isValueNode()) {
            return matching(new LiteralPredicate(literal(element)));
        }
        throw invalid(VALUE_TYPE, Json.write(element) + " is an array");
    }

    private FieldValue literal(JsonNode node) {
        if (node.isNumber()) {
            checkRange(node);
        }
        return FieldValue.ofScalar(node);
    }

    void checkRange(JsonNode number) {
        if (!PolicyNumbers.inRange(number.decimalValue())) {
            throw invalid(NUMBER_RANGE, number.asText() + " is outside -1000000000..1000000000");
        }
    }

    private Condition operator(JsonNode object) {
        if (object.size() != 1) {
            throw invalid(OPERATOR_SHAPE, Json.write(object) + " has " + object.size() + " keys");
        }
        Map.Entry<String, JsonNode> entry = object.properties().iterator().next();
        JsonNode operand = entry.getValue();
        return switch (entry.getKey()) {
            case "prefix" -> matching(StringPredicates.prefix(nonEmptyString("prefix", operand)));
            case "suffix" -> matching(StringPredicates.suffix(nonEmptyString("suffix", operand)));
            case "equals-ignore-case" -> matching(StringPredicates.equalsIgnoreCase(string("equals-ignore-case", operand)));
            case "wildcard" -> wildcard(operand);
            case "anything-but" -> anythingBut(operand);
            case "numeric" -> matching(NumericConditionParser.parse(operand, this));
            case "exists" -> exists(operand);
            case "cidr" -> matching(cidr(operand));
            default -> throw invalid(UNKNOWN_OPERATOR, "'" + entry.getKey() + "' is not an SNS filter operator "
                    + "(prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr)");
        };
    }

    private static Condition matching(ValuePredicate predicate) {
        return Condition.plain(FieldMatcher.anyValue(predicate));
    }

    private static Condition excluding(ValuePredicate predicate) {
        return new Condition(FieldMatcher.anythingBut(predicate), 1, false);
    }

    private String string(String operator, JsonNode operand) {
        if (!operand.isTextual()) {
            throw invalid(STRING_OPERAND, operator + " needs a string, got " + Json.write(operand));
        }
        return operand.textValue();
    }

    private String nonEmptyString(String operator, JsonNode operand) {
        String text = string(operator, operand);
        if (text.isEmpty()) {
            throw invalid(STRING_OPERAND, operator + " needs a non-empty string, got \"\"");
        }
        return text;
    }

    private Condition wildcard(JsonNode operand) {
        String pattern = string("wildcard", operand);
        return new Condition(FieldMatcher.anyValue(WildcardPattern.compile(pattern)), wildcardPoints(pattern), true);
    }

    private int wildcardPoints(String pattern) {
        int count = WildcardPattern.wildcardCount(pattern);
        if (count > MAX_WILDCARDS) {
            throw invalid(WILDCARD_COUNT, "\"" + pattern + "\" has " + count + " wildcards");
        }
        return count <= 1 ? count : 3 * count;
    }

    private Condition exists(JsonNode operand) {
        if (!operand.isBoolean()) {
            throw invalid(EXISTS_BOOLEAN, "got " + Json.write(operand));
        }
        return Condition.plain(FieldMatcher.exists(operand.booleanValue()));
    }

    private ValuePredicate cidr(JsonNode operand) {
        String text = string("cidr", operand);
        try {
            return CidrBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(CIDR, "\"" + text + "\": " + e.getMessage());
        }
    }

    private Condition anythingBut(JsonNode operand) {
        if (operand.isObject()) {
            return anythingButPattern(operand);
        }
        return excluding(excludedValues(operand));
    }

    private ValuePredicate excludedValues(JsonNode operand) {
        if (operand.isTextual() || operand.isNumber()) {
            return new LiteralPredicate(literal(operand));
        }
        if (!operand.isArray() || operand.isEmpty()) {
            throw invalid(ANYTHING_BUT, "needs a string, a number, a non-empty list of strings or of numbers, "
                    + "or a prefix, suffix or wildcard object, got " + Json.write(operand));
        }
        boolean strings = operand.get(0).isTextual();
        List<ValuePredicate> excluded = new ArrayList<>();
        for (JsonNode element : operand) {
            if (strings ? !element.isTextual() : !element.isNumber()) {
                throw invalid(ANYTHING_BUT, "a list must hold only strings or only numbers, got " + Json.write(operand));
            }
            excluded.add(new LiteralPredicate(literal(element)));
        }
        return excluded.size() == 1 ? excluded.get(0) : new AnyOfPredicate(excluded);
    }

    private Condition anythingButPattern(JsonNode object) {
        if (object.size() != 1) {
            throw invalid(ANYTHING_BUT, "an anything-but object needs exactly one of prefix, suffix, wildcard, got "
                    + Json.write(object));
        }
        Map.Entry<String, JsonNode> entry = object.properties().iterator().next();
        JsonNode operand = entry.getValue();
        return switch (entry.getKey()) {
            case "prefix" -> excluding(StringPredicates.prefix(nonEmptyString("prefix", operand)));
            case "suffix" -> excluding(StringPredicates.suffix(nonEmptyString("suffix", operand)));
            case "wildcard" -> anythingButWildcard(operand);
            default -> throw invalid(ANYTHING_BUT, "anything-but supports prefix, suffix and wildcard, not '"
                    + entry.getKey() + "'");
        };
    }

    private Condition anythingButWildcard(JsonNode operand) {
        String pattern = string("wildcard", operand);
        wildcardPoints(pattern);
        return new Condition(FieldMatcher.anythingBut(WildcardPattern.compile(pattern)), 1, true);
    }

    InvalidFilterPolicyException invalid(String rule, String detail) {
        return new InvalidFilterPolicyException(rule, "key \"" + key + "\": " + detail);
    }
}
