package io.msgflow.postgres.internal;

import io.msgflow.internal.MessageRules;
import io.msgflow.postgres.ColumnType;
import io.msgflow.postgres.TableMapping;
import io.msgflow.sink.SinkException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The idempotent insert of one table: every column travels as one {@code text[]} parameter,
 * {@code unnest} turns the arrays back into rows, {@code ON CONFLICT DO NOTHING} skips ids
 * already present and {@code RETURNING} names the ids that were new. One round trip per chunk,
 * whatever the number of rows.
 */
public final class InsertStatement {
    /** Rows per statement (see benchmarks/README.md for the measurements behind it). */
    public static final int DEFAULT_ROWS_PER_STATEMENT = 10_000;
    /** Characters of column text per statement, so big bodies never approach PostgreSQL's 1 GB message limit. */
    static final long MAX_CHARS_PER_STATEMENT = 32L << 20;

    private final TableMapping mapping;
    private final String sql;
    private final int rowsPerStatement;

    public InsertStatement(TableMapping mapping, int rowsPerStatement) {
        this.mapping = mapping;
        this.sql = sql(mapping);
        this.rowsPerStatement = rowsPerStatement;
    }

    public InsertStatement(TableMapping mapping) {
        this(mapping, DEFAULT_ROWS_PER_STATEMENT);
    }

    static String sql(TableMapping mapping) {
        String id = SqlIdentifier.quote(mapping.idColumn());
        StringJoiner targets = new StringJoiner(", ").add(id);
        StringJoiner selects = new StringJoiner(", ").add("u.c0");
        StringJoiner arrays = new StringJoiner(", ").add("?::text[]");
        StringJoiner aliases = new StringJoiner(", ").add("c0");
        List<TableMapping.Column> columns = mapping.columns();
        for (int i = 0; i < columns.size(); i++) {
            TableMapping.Column column = columns.get(i);
            String alias = "c" + (i + 1);
            targets.add(SqlIdentifier.quote(column.name()));
            selects.add(column.type() == ColumnType.TEXT ? "u." + alias : "u." + alias + "::" + column.type().sqlName());
            arrays.add("?::text[]");
            aliases.add(alias);
        }
        return "INSERT INTO " + SqlIdentifier.quote(mapping.table()) + " (" + targets + ")"
                + " SELECT " + selects + " FROM unnest(" + arrays + ") AS u(" + aliases + ")"
                + " ON CONFLICT (" + id + ") DO NOTHING RETURNING " + id + "::text";
    }

    public TableMapping mapping() {
        return mapping;
    }

    public String sql() {
        return sql;
    }

    /**
     * Inserts the rows in the caller's transaction, in their order.
     *
     * @return the message ids of the rows whose key was not in the table before
     * @throws SQLException also when the database returns a key no row carried (a trigger or the column's
     *     type changed it), before anything is committed: the ids written could not be told exactly
     */
    public Set<String> insert(Connection connection, List<Row> rows, int timeoutSeconds) throws SQLException {
        Set<String> inserted = new HashSet<>(rows.size() * 2);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int from = 0; from < rows.size();) {
                int to = chunkEnd(rows, from);
                List<Row> chunk = rows.subList(from, to);
                bind(statement, chunk);
                from = to;
                try (ResultSet result = statement.executeQuery()) {
                    collectSent(result, chunk, inserted);
                }
            }
        }
        return inserted;
    }

    /**
     * Adds the message id of each returned key, matched by exact equality to a key that was sent.
     * A key that comes back different from every key sent did not survive the round trip; guessing
     * which record it was could merge two ids into one row, so the batch fails instead.
     */
    private static void collectSent(ResultSet result, List<Row> chunk, Set<String> inserted) throws SQLException {
        Map<String, String> messageIdByKey = new HashMap<>(chunk.size() * 2);
        chunk.forEach(row -> messageIdByKey.put(row.key(), row.messageId()));
        while (result.next()) {
            String key = result.getString(1);
            String id = messageIdByKey.get(key);
            if (id == null) {
                throw new SinkException("the database returned the id '" + MessageRules.shown(String.valueOf(key))
                        + "' for an inserted row, but no row of the batch has that id (a trigger or the id column's type"
                        + " changed it): a key did not survive the round trip unchanged, so nothing was committed",
                        List.copyOf(messageIdByKey.values()), null);
            }
            inserted.add(id);
        }
    }

    /** End (exclusive) of the chunk that starts at {@code from}: at most rowsPerStatement rows and about 32 Mi characters, at least one row. */
    int chunkEnd(List<Row> rows, int from) {
        long chars = 0;
        int end = from;
        while (end < rows.size() && end - from < rowsPerStatement) {
            chars += rows.get(end).chars();
            if (chars > MAX_CHARS_PER_STATEMENT && end > from) {
                break;
            }
            end++;
        }
        return end;
    }

    private void bind(PreparedStatement statement, List<Row> chunk) throws SQLException {
        int columns = mapping.columns().size();
        String[] ids = new String[chunk.size()];
        String[][] values = new String[columns][chunk.size()];
        for (int r = 0; r < chunk.size(); r++) {
            Row row = chunk.get(r);
            ids[r] = row.key();
            for (int c = 0; c < columns; c++) {
                values[c][r] = row.values()[c];
            }
        }
        statement.setObject(1, ids);
        for (int c = 0; c < columns; c++) {
            statement.setObject(c + 2, values[c]);
        }
    }
}
