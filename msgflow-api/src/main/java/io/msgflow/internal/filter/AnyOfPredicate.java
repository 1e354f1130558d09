package io.msgflow.internal.filter;

import java.util.List;

/** True when one of several predicates is: the value list of {@code anything-but}. */
public final class AnyOfPredicate implements ValuePredicate {
    private final ValuePredicate[] predicates;

    public AnyOfPredicate(List<ValuePredicate> predicates) {
        this.predicates = predicates.toArray(new ValuePredicate[0]);
    }

    @Override
    public boolean test(FieldValue value) {
        for (ValuePredicate predicate : predicates) {
            if (predicate.test(value)) {
                return true;
            }
        }
        return false;
    }
}
