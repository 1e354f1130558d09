package io.msgflow.internal.filter;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SNS numeric matching: values from -10^9 to 10^9 with five digits of accuracy after the decimal
 * point. Numbers are compared as longs scaled by 10^5, rounded half-up, so 1.000001 equals 1.
 */
public final class PolicyNumbers {
    /** Fractional digits SNS keeps. */
    public static final int DECIMALS = 5;
    private static final BigDecimal LIMIT = BigDecimal.valueOf(1_000_000_000L);

    private PolicyNumbers() {
    }

    /** Whether SNS can compare this number: -10^9 &le; value &le; 10^9. */
    public static boolean inRange(BigDecimal value) {
        return value.abs().compareTo(LIMIT) <= 0;
    }

    /** The number scaled by 10^5 and rounded half-up; only for numbers {@link #inRange in range}. */
    public static long scaled(BigDecimal value) {
        return value.setScale(DECIMALS, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** The number as SNS compares it, in plain notation ({@code 3.015e2} becomes {@code 301.5}). */
    public static BigDecimal canonical(BigDecimal value) {
        BigDecimal rounded = value.setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }
}
