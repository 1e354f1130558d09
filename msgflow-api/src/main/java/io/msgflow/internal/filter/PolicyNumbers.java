package io.msgflow.internal.filter;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SNS numeric matching: values from -10^9 to 10^9 with five digits of accuracy after the decimal
 * point. Numbers are compared as longs scaled by 10^5, rounded half-up, so 1.000001 equals 1.
 *
 * <p>Bounded work for any input: a number's magnitude is read from its precision and scale before
 * any arithmetic, so {@code 1e-100000000} (12 characters, a scale of 10^8) is zero at once instead
 * of a division by 10^100000000; out-of-range numbers are never rescaled. The digits themselves are
 * bounded by the JSON reader (at most 1000 per number) and by the attribute rules (38).
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
        if (roundsToZero(value)) {
            return 0;
        }
        return value.setScale(DECIMALS, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** Whether |value| &lt; 10^-6, which rounds to zero at five decimals; read from precision and scale only. */
    private static boolean roundsToZero(BigDecimal value) {
        return value.signum() == 0 || (long) value.precision() - value.scale() < -DECIMALS;
    }

    /**
     * The number as SNS compares it, in plain notation ({@code 3.015e2} becomes {@code 301.5},
     * {@code 1e2} becomes {@code 100}); a number outside the SNS range is returned unchanged.
     */
    public static BigDecimal canonical(BigDecimal value) {
        if (roundsToZero(value)) {
            return BigDecimal.ZERO;
        }
        if (!inRange(value)) {
            return value;
        }
        BigDecimal rounded = value.setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
