package io.msgflow.postgres.internal;

/**
 * One row to insert: the record's message id, the key its table is idempotent on (the message id,
 * or the SNS or SQS MessageId the mapping selects) and the text of each mapped column, in column
 * order.
 */
public record Row(String messageId, String key, String[] values) {

    /** A row keyed on its message id. */
    public Row(String messageId, String[] values) {
        this(messageId, messageId, values);
    }

    /** Characters of text the row carries. */
    public long chars() {
        long chars = key.length();
        for (String value : values) {
            chars += value == null ? 0 : value.length();
        }
        return chars;
    }
}
