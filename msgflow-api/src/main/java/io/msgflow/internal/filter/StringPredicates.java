package io.msgflow.internal.filter;

/** The string operators {@code prefix}, {@code suffix} and {@code equals-ignore-case}: they match string values only. */
public final class StringPredicates {
    private StringPredicates() {
    }

    public static ValuePredicate prefix(String prefix) {
        return new Prefix(prefix);
    }

    public static ValuePredicate suffix(String suffix) {
        return new Suffix(suffix);
    }

    public static ValuePredicate equalsIgnoreCase(String expected) {
        return new EqualsIgnoreCase(expected);
    }

    private record Prefix(String prefix) implements ValuePredicate {
        @Override
        public boolean test(FieldValue value) {
            return value.kind() == FieldValue.Kind.STRING && value.text().startsWith(prefix);
        }
    }

    private record Suffix(String suffix) implements ValuePredicate {
        @Override
        public boolean test(FieldValue value) {
            return value.kind() == FieldValue.Kind.STRING && value.text().endsWith(suffix);
        }
    }

    private record EqualsIgnoreCase(String expected) implements ValuePredicate {
        @Override
        public boolean test(FieldValue value) {
            return value.kind() == FieldValue.Kind.STRING && value.text().equalsIgnoreCase(expected);
        }
    }
}
