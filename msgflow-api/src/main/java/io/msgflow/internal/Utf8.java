package io.msgflow.internal;

/** UTF-8 lengths without encoding: size checks run on every publish. */
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
}
