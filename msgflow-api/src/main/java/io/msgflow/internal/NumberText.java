package io.msgflow.internal;

/**
 * Reads the shape of a decimal number from its text ({@code -12.50e+3}, as {@link java.math.BigDecimal}
 * accepts it) in one pass, without arithmetic: its significant digits and its decimal exponent.
 * So bounds can be checked before a number is ever computed with.
 */
public final class NumberText {
    private static final long EXPONENT_CAP = 1L << 40;

    private NumberText() {
    }

    /** Digits from the first to the last non-zero digit of the mantissa; 0 for zero; -1 when the text is not a number. */
    public static int significantDigits(String text) {
        int end = mantissaEnd(text);
        if (end < 0) {
            return -1;
        }
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = signLength(text); i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (c != '0') {
                if (first < 0) {
                    first = count;
                }
                last = count;
            }
            count++;
        }
        return first < 0 ? 0 : last - first + 1;
    }

    /** The decimal exponent of the first significant digit (1.5e3 and 1500 give 3); only for non-zero numbers. */
    public static long exponent(String text) {
        int end = mantissaEnd(text);
        int integerDigits = 0;
        int firstSignificant = -1;
        int position = 0;
        boolean fraction = false;
        for (int i = signLength(text); i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (!fraction) {
                integerDigits++;
            }
            if (c != '0' && firstSignificant < 0) {
                firstSignificant = position;
            }
            position++;
        }
        return (long) integerDigits - 1 - firstSignificant + explicitExponent(text, end);
    }

    /**
     * Digits after the decimal point the value needs as written: the fraction digits of the
     * mantissa less the exponent, at least 0 ({@code 1.50e-3} needs 5); only for numbers.
     */
    public static long fractionDigits(String text) {
        int end = mantissaEnd(text);
        int dot = text.indexOf('.');
        long written = dot < 0 || dot > end ? 0 : end - dot - 1;
        return Math.max(0, written - explicitExponent(text, end));
    }

    private static int signLength(String text) {
        return !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    }

    /** Where the mantissa ends (the 'e' or the end), or -1 when the text is not a decimal number. */
    private static int mantissaEnd(String text) {
        int i = signLength(text);
        int digits = 0;
        boolean dot = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return -1;
        }
        if (i == text.length()) {
            return i;
        }
        char e = text.charAt(i);
        return (e == 'e' || e == 'E') && validExponent(text, i + 1) ? i : -1;
    }

    private static boolean validExponent(String text, int from) {
        int i = from < text.length() && (text.charAt(from) == '+' || text.charAt(from) == '-') ? from + 1 : from;
        if (i == text.length()) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The exponent after 'e', saturated far beyond any limit so that it never overflows. */
    private static long explicitExponent(String text, int mantissaEnd) {
        if (mantissaEnd == text.length()) {
            return 0;
        }
        int i = mantissaEnd + 1;
        boolean negative = text.charAt(i) == '-';
        if (text.charAt(i) == '+' || negative) {
            i++;
        }
        long value = 0;
        for (; i < text.length() && value < EXPONENT_CAP; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return negative ? -value : value;
    }
}
