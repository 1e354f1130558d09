package io.msgflow.postgres.internal;

import java.sql.SQLException;

/** Which database errors concern one record rather than the batch. */
public final class SqlStates {
    private SqlStates() {
    }

    /**
     * A data exception (class 22: invalid JSON, value out of range, bad encoding) or an integrity
     * constraint violation (class 23: not null, check, foreign key, another unique column): the
     * database refuses a row for what it holds, and will refuse it again. Everything else (lost
     * connection, timeout, deadlock, missing table) fails the batch as a whole.
     */
    public static boolean isRecordRefusal(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The message and SQLState of an error, at most {@code limit} characters. */
    public static String describe(SQLException e, int limit) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        if (message.length() > limit) {
            message = message.substring(0, limit - 1) + "…";
        }
        return message + " (SQLState " + e.getSQLState() + ")";
    }
}
