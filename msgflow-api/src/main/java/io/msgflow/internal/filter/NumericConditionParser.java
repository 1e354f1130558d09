package io.msgflow.internal.filter;

import static io.msgflow.filter.InvalidFilterPolicyException.NUMERIC_SYNTAX;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.internal.Json;
import java.math.BigDecimal;

/**
 * Parses {@code numeric} operands: {@code [op, n]} with op one of {@code = < <= > >=}, or a range
 * {@code [">" or ">=", low, "<" or "<=", high]} with low &lt; high (lower bound first, at most one
 * of each bound).
 */
final class NumericConditionParser {
    private final JsonNode operand;
    private final ConditionParser owner;

    private NumericConditionParser(JsonNode operand, ConditionParser owner) {
        this.operand = operand;
        this.owner = owner;
    }

    static NumericRange parse(JsonNode operand, ConditionParser owner) {
        return new NumericConditionParser(operand, owner).range();
    }

    private NumericRange range() {
        if (!operand.isArray() || (operand.size() != 2 && operand.size() != 4)) {
            throw syntax("needs [operator, number] or [\">\"|\">=\", low, \"<\"|\"<=\", high]");
        }
        String first = operator(0);
        long value = number(1);
        if (operand.size() == 2) {
            return single(first, value);
        }
        if (!first.startsWith(">")) {
            throw syntax("a range starts with its lower bound (\">\" or \">=\"), not \"" + first + "\"");
        }
        String second = operator(2);
        if (!second.startsWith("<")) {
            throw syntax("a range ends with its upper bound (\"<\" or \"<=\"), not \"" + second + "\"");
        }
        if (decimal(1).compareTo(decimal(3)) >= 0) {
            throw syntax("the lower bound " + operand.get(1).asText() + " must be less than the upper bound "
                    + operand.get(3).asText());
        }
        return NumericRange.between(value, first.equals(">="), number(3), second.equals("<="));
    }

    private static NumericRange single(String operator, long value) {
        return switch (operator) {
            case "=" -> NumericRange.equalTo(value);
            case ">" -> NumericRange.above(value, false);
            case ">=" -> NumericRange.above(value, true);
            case "<" -> NumericRange.below(value, false);
            default -> NumericRange.below(value, true);
        };
    }

    private String operator(int index) {
        JsonNode node = operand.get(index);
        String text = node.isTextual() ? node.textValue() : null;
        if (text == null || !(text.equals("=") || text.equals("<") || text.equals("<=") || text.equals(">")
                || text.equals(">="))) {
            throw syntax(Json.write(node) + " is not one of \"=\", \"<\", \"<=\", \">\", \">=\"");
        }
        return text;
    }

    private long number(int index) {
        BigDecimal value = decimal(index);
        owner.checkRange(operand.get(index));
        return PolicyNumbers.scaled(value);
    }

    private BigDecimal decimal(int index) {
        JsonNode node = operand.get(index);
        if (!node.isNumber()) {
            throw syntax(Json.write(node) + " is not a number");
        }
        return node.decimalValue();
    }

    private RuntimeException syntax(String detail) {
        return owner.invalid(NUMERIC_SYNTAX, "numeric " + Json.write(operand) + ": " + detail);
    }
}
