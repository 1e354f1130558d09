package io.msgflow.internal.codec;

import io.msgflow.codec.CodecException;
import java.util.Base64;

/** Bodies of the {@link io.msgflow.codec.PayloadFormat#TEXT} and {@link io.msgflow.codec.PayloadFormat#BYTES} formats. */
final class PayloadBodies {
    private PayloadBodies() {
    }

    /** The text as a body, if SQS accepts every character of it. */
    static String text(String type, CharSequence payload) {
        String text = payload.toString();
        int at = firstRefusedCharacter(text);
        if (at >= 0) {
            throw new CodecException(type, "text of type '" + type + "' holds the character U+"
                    + String.format("%04X", text.codePointAt(at)) + " at index " + at
                    + ", which SQS refuses (allowed: #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD, #x10000 to #x10FFFF)", null);
        }
        return text;
    }

    static String bytes(byte[] payload) {
        return Base64.getEncoder().encodeToString(payload);
    }

    static byte[] bytes(String type, String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new CodecException(type, "body of type '" + type + "' is not base64 (RFC 4648, no line breaks): "
                    + e.getMessage(), e);
        }
    }

    /** Index of the first character SQS refuses in a message body, or -1. */
    static int firstRefusedCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }
}
