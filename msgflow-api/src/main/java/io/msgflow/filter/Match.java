package io.msgflow.filter;

import io.msgflow.InvalidConfigurationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One condition on one key of a filter policy, for {@link FilterPolicyBuilder}: exact values,
 * prefixes, suffixes, anything-but, numeric comparisons and ranges, existence. Several matches
 * on one key OR together, as the values of a key's array do in SNS.
 *
 * <pre>{@code
 * Match.exactly("eu-west-1")            // "eu-west-1"
 * Match.prefix("eu-")                   // {"prefix": "eu-"}
 * Match.atLeast(100).andBelow(1000)     // {"numeric": [">=", 100, "<", 1000]}
 * Match.anythingBut("test", "staging")  // {"anything-but": ["test", "staging"]}
 * Match.exists()                        // {"exists": true}
 * }</pre>
 *
 * Immutable and thread-safe. A match is checked against the SNS rules when the policy is built.
 */
public final class Match {
    private final Object condition;
    private final String lowerOperator;

    private Match(Object condition, String lowerOperator) {
        this.condition = condition;
        this.lowerOperator = lowerOperator;
    }

    /** The string {@code value}, exactly (case-sensitive). */
    public static Match exactly(String value) {
        return new Match(text(value), null);
    }

    /** The number {@code value}, exactly (a Number attribute or a JSON number). */
    public static Match exactly(Number value) {
        return new Match(number(value), null);
    }

    /** {@code true} or {@code false} (body scope). */
    public static Match exactly(boolean value) {
        return new Match(value, null);
    }

    /** A JSON null (body scope). */
    public static Match isNull() {
        return new Match(new Null(), null);
    }

    public static Match prefix(String value) {
        return operator("prefix", text(value));
    }

    public static Match suffix(String value) {
        return operator("suffix", text(value));
    }

    public static Match equalsIgnoreCase(String value) {
        return operator("equals-ignore-case", text(value));
    }

    /** Present and none of these strings. */
    public static Match anythingBut(String first, String... more) {
        List<Object> values = new ArrayList<>();
        values.add(text(first));
        for (String v : more) {
            values.add(text(v));
        }
        return operator("anything-but", values.size() == 1 ? values.get(0) : values);
    }

    /** Present and none of these numbers. */
    public static Match anythingBut(Number first, Number... more) {
        List<Object> values = new ArrayList<>();
        values.add(number(first));
        for (Number v : more) {
            values.add(number(v));
        }
        return operator("anything-but", values.size() == 1 ? values.get(0) : values);
    }

    /** Present and not starting with {@code prefix}. */
    public static Match anythingButPrefix(String prefix) {
        return operator("anything-but", Map.of("prefix", text(prefix)));
    }

    /** The key is present (with a non-null, non-empty value). */
    public static Match exists() {
        return operator("exists", true);
    }

    /** The key is absent. */
    public static Match absent() {
        return operator("exists", false);
    }

    /** A number equal to {@code value}. */
    public static Match numericEquals(Number value) {
        return numeric("=", value);
    }

    /** A number above {@code value}; may be followed by {@link #andBelow} or {@link #andAtMost}. */
    public static Match greaterThan(Number value) {
        return numeric(">", value);
    }

    /** A number at or above {@code value}; may be followed by {@link #andBelow} or {@link #andAtMost}. */
    public static Match atLeast(Number value) {
        return numeric(">=", value);
    }

    public static Match lessThan(Number value) {
        return numeric("<", value);
    }

    public static Match atMost(Number value) {
        return numeric("<=", value);
    }

    /** This lower bound and below {@code value}: {@code [">=", low, "<", value]}. */
    public Match andBelow(Number value) {
        return range("<", value);
    }

    /** This lower bound and at most {@code value}: {@code [">=", low, "<=", value]}. */
    public Match andAtMost(Number value) {
        return range("<=", value);
    }

    private Match range(String upperOperator, Number value) {
        if (lowerOperator == null) {
            throw new InvalidConfigurationException("match", "an upper bound follows a lower bound (greaterThan or atLeast), but this match is "
                    + condition);
        }
        @SuppressWarnings("unchecked")
        List<Object> bounds = new ArrayList<>((List<Object>) ((Map<String, Object>) condition).get("numeric"));
        bounds.add(upperOperator);
        bounds.add(number(value));
        return new Match(Map.of("numeric", List.copyOf(bounds)), null);
    }

    private static Match numeric(String operator, Number value) {
        return new Match(Map.of("numeric", List.of(operator, number(value))),
                operator.startsWith(">") ? operator : null);
    }

    private static Match operator(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value);
        return new Match(m, null);
    }

    private static Text text(String value) {
        return new Text(unicode("value", Objects.requireNonNull(value, "value")));
    }

    /** {@code text} when it is valid Unicode; a key or value with an unpaired surrogate is refused. */
    static String unicode(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFilterPolicyException(InvalidFilterPolicyException.UNPAIRED_SURROGATE, what + " '"
                        + text.replace(String.valueOf(c), String.format("\\u%04x", (int) c)) + "' has an unpaired surrogate at index " + i);
            }
        }
        return text;
    }

    private static BigDecimal number(Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(value.doubleValue())) {
            throw new InvalidFilterPolicyException(InvalidFilterPolicyException.NUMBER_RANGE, "the number " + value
                    + " is not finite; a numeric match takes numbers between -1e9 and 1e9");
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new InvalidFilterPolicyException(InvalidFilterPolicyException.NUMERIC_SYNTAX, "'" + value + "' ("
                    + value.getClass().getName() + ") is not a decimal number");
        }
    }

    /** The condition as a JSON-ready value; {@code escape} spells each string as the scope needs. */
    Object render(UnaryOperator<String> escape) {
        return render(condition, escape);
    }

    @SuppressWarnings("unchecked")
    private static Object render(Object value, UnaryOperator<String> escape) {
        if (value instanceof Text) {
            return escape.apply(((Text) value).value);
        }
        if (value instanceof Null) {
            return null;
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, render(v, escape)));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) value).forEach(v -> out.add(render(v, escape)));
            return out;
        }
        return value;
    }

    @Override
    public String toString() {
        return String.valueOf(render(UnaryOperator.identity()));
    }

    /** A string value, kept apart from operator names so that only values are escaped. */
    private record Text(String value) {
        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    private record Null() {
    }
}
