package io.msgflow.codec;

/**
 * How the body of a message type carries its payload. SNS and SQS carry text only (Unicode
 * characters #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF), so every
 * format is text on the wire.
 */
public enum PayloadFormat {
    /** The payload's JSON (records and beans): the default of every Java type but the two below. */
    JSON,
    /**
     * The body as it is, for {@code String} payloads: plain text such as
     * {@code This is a general notification 1.}. Encoding refuses characters SQS refuses.
     */
    TEXT,
    /**
     * The bytes of a {@code byte[]} payload in standard base64 (RFC 4648 §4, padded, no line
     * breaks) in the body: no attribute is spent on them, the body scope of a filter policy sees
     * only the base64 text, and the body is a third larger than the bytes (256 KiB of body holds at
     * most 192 KiB of bytes). Decoding refuses a body that is not such base64.
     */
    BYTES
}
