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

    private MessageLimits() {
    }
}
