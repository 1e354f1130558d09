package io.msgflow.internal.filter;

/** A test of one leaf value, compiled from one policy value or operator. Immutable. */
@FunctionalInterface
public interface ValuePredicate {
    boolean test(FieldValue value);
}
