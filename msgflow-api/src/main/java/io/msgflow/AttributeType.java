package io.msgflow;

import java.util.Locale;

/** The base data types of SNS/SQS message attributes. A custom suffix ({@code Number.float}) keeps its base type. */
public enum AttributeType {
    STRING("String"),
    NUMBER("Number"),
    STRING_ARRAY("String.Array"),
    BINARY("Binary");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name SNS and SQS use, e.g. {@code String.Array}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The base type of a data type as SNS/SQS spell it: {@code String}, {@code Number},
     * {@code Binary}, {@code String.Array}, or one of the first three with a custom suffix
     * ({@code Number.float}).
     *
     * @throws MessageValidationException when the data type has no known base
     */
    public static AttributeType ofDataType(String dataType) {
        if (dataType == null || dataType.isEmpty()) {
            throw new MessageValidationException("attribute data type",
                    "must be String, Number, Binary or String.Array (optionally with a custom suffix)", "empty");
        }
        if (dataType.equals("String.Array")) {
            return STRING_ARRAY;
        }
        int dot = dataType.indexOf('.');
        String base = dot < 0 ? dataType : dataType.substring(0, dot);
        switch (base) {
            case "String":
                return STRING;
            case "Number":
                return NUMBER;
            case "Binary":
                return BINARY;
            default:
                throw new MessageValidationException("attribute data type",
                        "must be String, Number, Binary or String.Array (optionally with a custom suffix)",
                        "'" + dataType + "'");
        }
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
