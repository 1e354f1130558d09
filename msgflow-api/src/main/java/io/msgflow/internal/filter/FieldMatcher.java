package io.msgflow.internal.filter;

/** One element of a policy key's value array, tested against what the message holds under that key. */
@FunctionalInterface
public interface FieldMatcher {
    boolean matches(FieldValues field, Evaluation evaluation);

    /** Matches when some value passes the predicate: an array matches when any element does. */
    static FieldMatcher anyValue(ValuePredicate predicate) {
        return (field, evaluation) -> {
            for (FieldValue value : field.values()) {
                if (predicate.test(value)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * {@code anything-but}: matches when the field is present and some value is not excluded, so
     * {@code ["rugby", "baseball"]} passes {@code {"anything-but": ["rugby", "tennis"]}} (the guide's example).
     */
    static FieldMatcher anythingBut(ValuePredicate excluded) {
        return (field, evaluation) -> {
            for (FieldValue value : field.values()) {
                if (!excluded.test(value)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * {@code exists}: {@code true} needs the key with a non-null, non-empty value; {@code false}
     * needs the key absent from a message that has at least one property (an empty set of
     * attributes matches no {@code "exists": false}, as the guide says).
     */
    static FieldMatcher exists(boolean expected) {
        if (expected) {
            return (field, evaluation) -> field.hasNonEmptyValue();
        }
        return (field, evaluation) -> !field.present() && !evaluation.messageIsEmpty();
    }
}
