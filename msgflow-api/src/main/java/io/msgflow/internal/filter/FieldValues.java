package io.msgflow.internal.filter;

import java.util.List;

/**
 * What a message holds under one policy key: whether the key is present, and its leaf values
 * (one for a scalar, every element for an array).
 */
public final class FieldValues {
    /** The key is not in the message. */
    public static final FieldValues ABSENT = new FieldValues(false, List.of());

    private final boolean present;
    private final List<FieldValue> values;

    private FieldValues(boolean present, List<FieldValue> values) {
        this.present = present;
        this.values = values;
    }

    /** A present key with these values (none for an empty array). */
    public static FieldValues of(List<FieldValue> values) {
        return new FieldValues(true, values);
    }

    public static FieldValues of(FieldValue value) {
        return new FieldValues(true, List.of(value));
    }

    public boolean present() {
        return present;
    }

    public List<FieldValue> values() {
        return values;
    }

    /** Whether some value is neither null nor empty, as {@code "exists": true} requires. */
    public boolean hasNonEmptyValue() {
        for (FieldValue value : values) {
            if (!value.isNullOrEmpty()) {
                return true;
            }
        }
        return false;
    }
}
