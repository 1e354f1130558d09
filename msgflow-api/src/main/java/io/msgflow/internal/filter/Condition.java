package io.msgflow.internal.filter;

/**
 * One parsed element of a key's value array: its matcher and what it adds to the wildcard
 * complexity SNS limits (a {@code *}: 1 point; several: 3 points each; {@code anything-but}: 1 point).
 */
record Condition(FieldMatcher matcher, int wildcardPoints, boolean hasWildcard) {
    static Condition plain(FieldMatcher matcher) {
        return new Condition(matcher, 0, false);
    }
}
