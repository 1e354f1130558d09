package io.msgflow.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One typed leaf value of a message: a string, a number, a boolean or null. Attribute values
 * and message-body values both become field values, so one set of matchers serves both scopes.
 */
public final class FieldValue {
    /** The JSON type of a value. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public static final FieldValue NULL = new FieldValue(Kind.NULL, null, 0, false, false);
    public static final FieldValue TRUE = new FieldValue(Kind.BOOLEAN, null, 0, false, true);
    public static final FieldValue FALSE = new FieldValue(Kind.BOOLEAN, null, 0, false, false);

    private final Kind kind;
    private final String text;
    private final long scaled;
    private final boolean comparable;
    private final boolean bool;

    private FieldValue(Kind kind, String text, long scaled, boolean comparable, boolean bool) {
        this.kind = kind;
        this.text = text;
        this.scaled = scaled;
        this.comparable = comparable;
        this.bool = bool;
    }

    public static FieldValue string(String text) {
        return new FieldValue(Kind.STRING, text, 0, false, false);
    }

    /** A number; one outside the SNS range is kept but matches no numeric condition. */
    public static FieldValue number(BigDecimal value) {
        boolean inRange = PolicyNumbers.inRange(value);
        return new FieldValue(Kind.NUMBER, null, inRange ? PolicyNumbers.scaled(value) : 0, inRange, false);
    }

    public static FieldValue bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** The value of a scalar JSON node, or {@code null} for objects and arrays. */
    public static FieldValue ofScalar(JsonNode node) {
        if (node.isTextual()) {
            return string(node.textValue());
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        if (node.isBoolean()) {
            return bool(node.booleanValue());
        }
        return node.isNull() ? NULL : null;
    }

    public Kind kind() {
        return kind;
    }

    /** The text of a string value; {@code null} for other kinds. */
    public String text() {
        return text;
    }

    /** Whether this is a number SNS can compare (within -10^9..10^9). */
    public boolean isComparableNumber() {
        return comparable;
    }

    /** The number scaled by 10^5; only meaningful when {@link #isComparableNumber()}. */
    public long scaled() {
        return scaled;
    }

    /** Whether this value is null or the empty string (what {@code "exists": true} does not accept). */
    public boolean isNullOrEmpty() {
        return kind == Kind.NULL || (kind == Kind.STRING && text.isEmpty());
    }

    /** Equality as SNS matches exact values: same type, numbers compared at SNS precision. */
    public boolean sameAs(FieldValue other) {
        if (kind != other.kind) {
            return false;
        }
        return switch (kind) {
            case STRING -> text.equals(other.text);
            case NUMBER -> comparable && other.comparable && scaled == other.scaled;
            case BOOLEAN -> bool == other.bool;
            case NULL -> true;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRING -> '"' + text + '"';
            case NUMBER -> comparable
                    ? BigDecimal.valueOf(scaled, PolicyNumbers.DECIMALS).stripTrailingZeros().toPlainString()
                    : "<number out of range>";
            case BOOLEAN -> Boolean.toString(bool);
            case NULL -> "null";
        };
    }
}
