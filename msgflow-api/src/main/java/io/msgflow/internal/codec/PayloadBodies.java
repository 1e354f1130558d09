package io.msgflow.internal.codec;

import io.msgflow.codec.CodecException;
import io.msgflow.internal.Utf8;
import java.util.Base64;

/** Bodies of the {@link io.msgflow.codec.PayloadFormat#TEXT} and {@link io.msgflow.codec.PayloadFormat#BYTES} formats. */
final class PayloadBodies {
    private PayloadBodies() {
    }

    /** The text as a body, if SQS accepts every character of it. */
    static String text(String type, CharSequence payload) {
        String text = payload.toString();
        int at = Utf8.firstDisallowed(text);
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
}
