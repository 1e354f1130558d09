package io.msgflow;

import io.msgflow.internal.Json;
import io.msgflow.internal.MessageRules;
import io.msgflow.internal.Utf8;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One SNS/SQS message attribute: a data type and a value. Immutable; values are checked when
 * the attribute is created, as SNS and SQS check them: string values keep the SQS character set,
 * a {@code Number} has at most 38 significant digits and a magnitude from 10^-128 to 10^+126,
 * a {@code String.Array} is a JSON array, a {@code Binary} value is not empty. So a malformed
 * attribute never reaches the wire.
 */
public final class MessageAttribute {
    private final String dataType;
    private final AttributeType type;
    private final String stringValue;
    private final byte[] binaryValue;

    private MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
        this.dataType = dataType;
        this.type = AttributeType.ofDataType(dataType);
        this.stringValue = stringValue;
        this.binaryValue = binaryValue;
        check();
    }

    /** A {@code String} attribute. */
    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }

    /** A {@code Number} attribute. */
    public static MessageAttribute number(Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof BigDecimal decimal) {
            // Bounds first, on the short text: the plain text of 1e-100000000 would be 100 million characters.
            new MessageAttribute("Number", decimal.toString(), null);
            return new MessageAttribute("Number", decimal.toPlainString(), null);
        }
        return new MessageAttribute("Number", value.toString(), null);
    }

    /** A {@code String.Array} attribute; SNS carries it as the JSON text of the array. */
    public static MessageAttribute stringArray(List<?> values) {
        return new MessageAttribute("String.Array", Json.write(values), null);
    }

    /** A {@code Binary} attribute. */
    public static MessageAttribute binary(byte[] value) {
        return new MessageAttribute("Binary", null, Objects.requireNonNull(value, "value").clone());
    }

    /**
     * An attribute as it travels: data type (with any custom suffix) and its string value; for
     * {@code Binary} types use {@link #ofBinary(String, byte[])}.
     */
    public static MessageAttribute of(String dataType, String stringValue) {
        return new MessageAttribute(dataType, stringValue, null);
    }

    /** A binary attribute with a custom data type such as {@code Binary.gzip}. */
    public static MessageAttribute ofBinary(String dataType, byte[] value) {
        return new MessageAttribute(dataType, null, Objects.requireNonNull(value, "value").clone());
    }

    private void check() {
        if (type == AttributeType.BINARY) {
            if (binaryValue == null || binaryValue.length == 0) {
                throw new MessageValidationException("attribute of type " + dataType,
                        "must have a non-empty binary value (SNS/SQS refuse an empty Binary value)", binaryValue == null ? "none" : "0 bytes");
            }
            return;
        }
        if (stringValue == null || stringValue.isEmpty()) {
            throw new MessageValidationException("attribute of type " + dataType, "must have a non-empty value", "empty");
        }
        MessageRules.Broken broken = MessageRules.textBroken("value", stringValue);
        if (broken == null && type == AttributeType.NUMBER) {
            broken = MessageRules.numberBroken(stringValue);
        }
        if (broken != null) {
            throw new MessageValidationException("attribute of type " + dataType, broken.rule(), broken.value());
        }
        if (type == AttributeType.STRING_ARRAY && !Json.isArray(stringValue)) {
            throw new MessageValidationException("attribute of type String.Array", "must be a JSON array", "'" + MessageRules.shown(stringValue) + "'");
        }
    }

    /** The data type as SNS/SQS spell it, with any custom suffix. */
    public String dataType() {
        return dataType;
    }

    /** The base type. */
    public AttributeType type() {
        return type;
    }

    /** The value of a String, Number or String.Array attribute; {@code null} for Binary. */
    public String stringValue() {
        return stringValue;
    }

    /** A copy of the value of a Binary attribute; {@code null} otherwise. */
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    /** Bytes this attribute's data type and value count toward the 256 KiB message limit (name excluded). */
    public int sizeInBytes() {
        int value = binaryValue != null ? binaryValue.length : Utf8.length(stringValue);
        return Utf8.length(dataType) + value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MessageAttribute)) {
            return false;
        }
        MessageAttribute other = (MessageAttribute) o;
        return dataType.equals(other.dataType) && Objects.equals(stringValue, other.stringValue)
                && Arrays.equals(binaryValue, other.binaryValue);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(dataType, stringValue) + Arrays.hashCode(binaryValue);
    }

    @Override
    public String toString() {
        return dataType + "=" + (binaryValue != null ? "<" + binaryValue.length + " bytes>" : stringValue);
    }
}
