package io.msgflow.postgres.internal;

import io.msgflow.internal.Secrets;
import java.sql.SQLException;
import java.util.Map;

/**
 * Which database errors concern one record and which the whole batch: a deliberate table by
 * SQLState class (the first two characters), documented in the module README.
 *
 * <p>A <b>record</b> class is one a single row can cause by what it holds; the sink isolates that
 * row under savepoints and reports it rejected with the database's message, and commits the rest.
 * A <b>batch</b> class is about the connection, the server, its resources, the transaction or the
 * configuration; nothing of the batch is kept and it fails as a whole, to be retried. A class not in
 * the table, or no SQLState at all, fails the batch: retrying is safe, refusing a good record is not.
 */
public final class SqlStates {
    /** What an error concerns. */
    public enum Scope {
        /** One row caused it and would cause it again: isolate and reject that record. */
        RECORD,
        /** The batch as a whole failed (connection, server, resources, configuration): retry it. */
        BATCH
    }

    /** The table: SQLState class, its scope and what it means. Read by the README. */
    public static final Map<String, Classification> CLASSES = Map.ofEntries(
            record("22", "data exception: invalid JSON, a value out of range, bad encoding, U+0000 in text"),
            record("23", "integrity constraint violation: not null, check, foreign key, another unique column"),
            record("54", "program limit exceeded: an index entry too large for its unique index (54000), "
                    + "a body nested too deeply (54001)"),
            record("44", "WITH CHECK OPTION violation of a view the rows go through"),
            record("P0", "an exception raised by a trigger (PL/pgSQL RAISE) on the row"),
            batch("08", "connection exception: lost, refused, broken protocol"),
            batch("25", "invalid transaction state, such as a read-only transaction or standby"),
            batch("28", "invalid authorization"),
            batch("3D", "invalid database name"),
            batch("3F", "invalid schema name"),
            batch("40", "transaction rollback: serialization failure, deadlock"),
            batch("42", "syntax error or access rule violation: a missing table or column, no privilege"),
            batch("53", "insufficient resources: disk full, out of memory, too many connections"),
            batch("55", "object not in prerequisite state: lock not available"),
            batch("57", "operator intervention: statement timeout, query cancelled, server shutting down"),
            batch("58", "system error: I/O error on the server"),
            batch("XX", "internal error of the server: data corruption"));

    /** One row of the table. */
    public record Classification(String sqlStateClass, Scope scope, String meaning) {
    }

    private SqlStates() {
    }

    private static Map.Entry<String, Classification> record(String sqlStateClass, String meaning) {
        return Map.entry(sqlStateClass, new Classification(sqlStateClass, Scope.RECORD, meaning));
    }

    private static Map.Entry<String, Classification> batch(String sqlStateClass, String meaning) {
        return Map.entry(sqlStateClass, new Classification(sqlStateClass, Scope.BATCH, meaning));
    }

    /** The scope of an error by its SQLState class; {@link Scope#BATCH} when unknown or absent. */
    public static Scope scope(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return Scope.BATCH;
        }
        Classification classification = CLASSES.get(state.substring(0, 2));
        return classification == null ? Scope.BATCH : classification.scope();
    }

    /** Whether one record caused the error (see the table). */
    public static boolean isRecordRefusal(SQLException e) {
        return scope(e) == Scope.RECORD;
    }

    /** The message and SQLState of an error, at most {@code limit} characters. */
    public static String describe(SQLException e, int limit) {
        String message = Secrets.mask(String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim());
        if (message.length() > limit) {
            message = message.substring(0, limit - 1) + "…";
        }
        return message + " (SQLState " + e.getSQLState() + ")";
    }
}
