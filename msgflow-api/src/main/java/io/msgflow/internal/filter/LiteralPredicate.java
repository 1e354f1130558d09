package io.msgflow.internal.filter;

/** Exact matching of a string, number, boolean or null, by type (a string never equals a number). */
public record LiteralPredicate(FieldValue expected) implements ValuePredicate {
    @Override
    public boolean test(FieldValue value) {
        return value.sameAs(expected);
    }
}
