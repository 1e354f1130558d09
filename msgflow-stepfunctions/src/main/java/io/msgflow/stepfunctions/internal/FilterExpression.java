package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The expression of a JSONPath filter {@code [?( ... )]}: comparisons ({@code == != < <= > >=})
 * of {@code @}-relative or {@code $} paths and literals (numbers, quoted strings, true, false,
 * null), existence tests ({@code @.x}), {@code !}, {@code &&}, {@code ||} and parentheses.
 * Values of different JSON types are never equal and never ordered.
 */
interface FilterExpression {

    boolean test(JsonNode element, JsonNode root);

    static FilterExpression parse(JsonPath.Cursor cursor) {
        return or(cursor);
    }

    private static FilterExpression or(JsonPath.Cursor c) {
        return chain(c, "||", FilterExpression::and, true);
    }

    private static FilterExpression and(JsonPath.Cursor c) {
        return chain(c, "&&", FilterExpression::unary, false);
    }

    /** Operands joined by {@code operator}: any holds ({@code ||}) or all hold ({@code &&}), evaluated left to right. */
    private static FilterExpression chain(JsonPath.Cursor c, String operator, java.util.function.Function<JsonPath.Cursor, FilterExpression> operand,
            boolean any) {
        FilterExpression left = operand.apply(c);
        c.skipSpaces();
        while (c.startsWith(operator)) {
            c.pos += operator.length();
            FilterExpression a = left;
            FilterExpression b = operand.apply(c);
            left = any ? (e, r) -> a.test(e, r) || b.test(e, r) : (e, r) -> a.test(e, r) && b.test(e, r);
            c.skipSpaces();
        }
        return left;
    }

    private static FilterExpression unary(JsonPath.Cursor c) {
        c.skipSpaces();
        if (c.peek() == '!' && !c.startsWith("!=")) {
            c.pos++;
            FilterExpression inner = unary(c);
            return (e, r) -> !inner.test(e, r);
        }
        if (c.peek() == '(') {
            c.pos++;
            FilterExpression inner = or(c);
            c.skipSpaces();
            c.expect(')');
            return inner;
        }
        Operand left = operand(c);
        c.skipSpaces();
        String op = operator(c);
        if (op == null) {
            return (e, r) -> left.value(e, r).isPresent();
        }
        Operand right = operand(c);
        return (e, r) -> compare(op, left.value(e, r), right.value(e, r));
    }

    private static String operator(JsonPath.Cursor c) {
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (c.startsWith(op)) {
                c.pos += op.length();
                return op;
            }
        }
        return null;
    }

    /** A value inside a filter: a path or a literal. */
    interface Operand {
        Optional<JsonNode> value(JsonNode element, JsonNode root);
    }

    private static Operand operand(JsonPath.Cursor c) {
        c.skipSpaces();
        char first = c.peek();
        if (first == '@' || first == '$') {
            JsonPath path = c.relativePath();
            return first == '@' ? (e, r) -> path.select(e) : (e, r) -> path.select(r);
        }
        JsonNode literal = literal(c);
        return (e, r) -> Optional.of(literal);
    }

    private static JsonNode literal(JsonPath.Cursor c) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (c.peek() == '\'' || c.peek() == '"') {
            return nodes.textNode(c.quoted());
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (c.startsWith(word)) {
                c.pos += word.length();
                return word.equals("null") ? nodes.nullNode() : nodes.booleanNode(word.equals("true"));
            }
        }
        int start = c.pos;
        while (!c.atEnd() && "-+.eE0123456789".indexOf(c.peek()) >= 0) {
            c.pos++;
        }
        try {
            return nodes.numberNode(new BigDecimal(c.text.substring(start, c.pos)));
        } catch (NumberFormatException e) {
            c.pos = start;
            throw c.error("expected a path, a quoted string, a number, true, false or null in the filter");
        }
    }

    private static boolean compare(String op, Optional<JsonNode> left, Optional<JsonNode> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        Integer order = order(left.get(), right.get());
        return switch (op) {
            case "==" -> order != null && order == 0;
            case "!=" -> order == null || order != 0;
            case "<" -> order != null && order < 0;
            case "<=" -> order != null && order <= 0;
            case ">" -> order != null && order > 0;
            default -> order != null && order >= 0;
        };
    }

    /** The order of two values of the same type (equality only for booleans, null and containers); null when incomparable. */
    private static Integer order(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return a.asText().compareTo(b.asText());
        }
        if (a.getNodeType() == b.getNodeType()) {
            return a.equals(b) ? 0 : null;
        }
        return null;
    }
}
