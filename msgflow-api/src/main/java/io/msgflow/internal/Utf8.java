package io.msgflow.internal;

/** UTF-8 lengths and the character rules of SQS, without encoding: these checks run on every publish. */
public final class Utf8 {
    private Utf8() {
    }

    /** Bytes of {@code text} in UTF-8, as {@code String.getBytes(UTF_8)} counts them (a lone surrogate is one byte). */
    public static int length(CharSequence text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * Index of the first character SQS refuses in a body or String attribute value, or -1. SQS
     * allows {@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF}: no other
     * control character, no U+FFFE or U+FFFF, and no unpaired surrogate (text that is not
     * well-formed UTF-16 cannot be encoded in UTF-8 without loss).
     */
    public static int firstDisallowed(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (!allowedSingle(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allowedSingle(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Index of the first unpaired surrogate, or -1 when the text is well-formed UTF-16 (encodes to UTF-8 and back unchanged). */
    public static int firstUnpairedSurrogate(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                return i;
            }
        }
        return -1;
    }

    /** The code point or unpaired surrogate at {@code index}, as {@code U+XXXX}. */
    public static String codePointName(CharSequence text, int index) {
        return String.format("U+%04X", Character.codePointAt(text, index));
    }

    /**
     * Text safe to quote in an error message or log: at most {@code limit} characters, with every
     * character SQS refuses (controls, unpaired surrogates) written as a backslash, u and four hex digits.
     */
    public static String printable(CharSequence text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        int n = Math.min(text.length(), limit);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (allowedSingle(c) && c >= 0x20) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (text.length() > n) {
            out.append("…(").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
