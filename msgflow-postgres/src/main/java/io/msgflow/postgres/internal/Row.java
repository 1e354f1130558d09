package io.msgflow.postgres.internal;

/** One row to insert: the message id and the text of each mapped column, in column order. */
public record Row(String messageId, String[] values) {

    /** Characters of text the row carries. */
    public long chars() {
        long chars = messageId.length();
        for (String value : values) {
            chars += value == null ? 0 : value.length();
        }
        return chars;
    }
}
