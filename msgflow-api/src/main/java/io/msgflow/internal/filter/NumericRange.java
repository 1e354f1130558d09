package io.msgflow.internal.filter;

/**
 * A {@code numeric} condition: an interval of scaled numbers (see {@link PolicyNumbers}) with an
 * optional lower and upper bound; {@code ["=", n]} is the interval [n, n]. Matches comparable
 * numbers only, never strings that hold digits.
 */
public final class NumericRange implements ValuePredicate {
    private final long lower;
    private final boolean lowerInclusive;
    private final long upper;
    private final boolean upperInclusive;

    private NumericRange(long lower, boolean lowerInclusive, long upper, boolean upperInclusive) {
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    public static NumericRange equalTo(long scaled) {
        return new NumericRange(scaled, true, scaled, true);
    }

    public static NumericRange above(long scaled, boolean inclusive) {
        return new NumericRange(scaled, inclusive, Long.MAX_VALUE, true);
    }

    public static NumericRange below(long scaled, boolean inclusive) {
        return new NumericRange(Long.MIN_VALUE, true, scaled, inclusive);
    }

    public static NumericRange between(long lower, boolean lowerInclusive, long upper, boolean upperInclusive) {
        return new NumericRange(lower, lowerInclusive, upper, upperInclusive);
    }

    @Override
    public boolean test(FieldValue value) {
        if (!value.isComparableNumber()) {
            return false;
        }
        long n = value.scaled();
        boolean aboveLower = lowerInclusive ? n >= lower : n > lower;
        boolean belowUpper = upperInclusive ? n <= upper : n < upper;
        return aboveLower && belowUpper;
    }
}
