package io.msgflow;

/** The SNS/SQS limits msgflow checks before any I/O. */
public final class MessageLimits {
    /** Body plus attributes (names, data types, values) of one message: 256 KiB. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Message attributes per message. */
    public static final int MAX_ATTRIBUTES = 10;
    /** A message's own attributes: the ten less msgflow's type and id attributes. */
    public static final int MAX_USER_ATTRIBUTES = MAX_ATTRIBUTES - 2;
    /** Entries in one batch call (PublishBatch, SendMessageBatch, DeleteMessageBatch, ...). */
    public static final int MAX_BATCH_ENTRIES = 10;
    /** Sum of the sizes of the messages of one batch call: 256 KiB. */
    public static final int MAX_BATCH_BYTES = 256 * 1024;
    /** Length of an attribute name. */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 256;
    /** Length of a FIFO message-group id or deduplication id. */
    public static final int MAX_FIFO_ID_LENGTH = 128;

    /**
     * Length of msgflow's message id, in UTF-16 characters: at most 2 KiB in UTF-8, so it fits
     * PostgreSQL's B-tree entry (2704 bytes) of the sink's unique index, and is well within an
     * SNS/SQS String attribute.
     */
    public static final int MAX_ID_LENGTH = 512;
    /** Significant digits of a {@code Number} attribute value (SNS and SQS). */
    public static final int MAX_NUMBER_DIGITS = 38;
    /** Smallest decimal exponent of a non-zero {@code Number} attribute value: 10^-128. */
    public static final int MIN_NUMBER_EXPONENT = -128;
    /** Largest magnitude of a {@code Number} attribute value: 10^+126. */
    public static final int MAX_NUMBER_EXPONENT = 126;

    private MessageLimits() {
    }
}
