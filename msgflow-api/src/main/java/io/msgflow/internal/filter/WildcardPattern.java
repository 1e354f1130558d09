package io.msgflow.internal.filter;

/**
 * The {@code wildcard} operator: {@code *} stands for any run of characters, everything else
 * matches itself. Compiled once into the literal pieces between the stars; matching walks the
 * value with {@link String#indexOf(String, int)}, never a regular expression.
 */
public final class WildcardPattern implements ValuePredicate {
    private final String[] pieces;

    private WildcardPattern(String[] pieces) {
        this.pieces = pieces;
    }

    public static WildcardPattern compile(String pattern) {
        return new WildcardPattern(pattern.split("\\*", -1));
    }

    /** How many {@code *} a pattern has. */
    public static int wildcardCount(String pattern) {
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*') {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean test(FieldValue value) {
        return value.kind() == FieldValue.Kind.STRING && matches(value.text());
    }

    boolean matches(String text) {
        if (pieces.length == 1) {
            return text.equals(pieces[0]);
        }
        String first = pieces[0];
        String last = pieces[pieces.length - 1];
        int end = text.length() - last.length();
        if (end < first.length() || !text.startsWith(first) || !text.endsWith(last)) {
            return false;
        }
        int position = first.length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = text.indexOf(pieces[i], position);
            if (found < 0 || found + pieces[i].length() > end) {
                return false;
            }
            position = found + pieces[i].length();
        }
        return true;
    }
}
