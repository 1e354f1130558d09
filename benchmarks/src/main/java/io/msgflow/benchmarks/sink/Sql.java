package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.Row;
import io.msgflow.postgres.internal.SqlIdentifier;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/** SQL text shared by the candidates that name columns one by one. */
final class Sql {
    private Sql() {
    }

    static String columnList() {
        StringJoiner names = new StringJoiner(", ");
        Rows.COLUMNS.forEach(names::add);
        return names.toString();
    }

    /** {@code INSERT INTO t (…) VALUES (?, ?::jsonb, …) × rows ON CONFLICT (message_id) DO NOTHING} + suffix. */
    static String insertValues(String table, int rows, String suffix) {
        StringJoiner placeholders = new StringJoiner(", ", "(", ")").add("?");
        List<String> types = Rows.sqlTypes();
        types.forEach(t -> placeholders.add("?::" + t));
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < rows; i++) {
            values.add(placeholders.toString());
        }
        return "INSERT INTO " + SqlIdentifier.quote(table) + " (" + columnList() + ") VALUES " + values
                + " ON CONFLICT (message_id) DO NOTHING" + suffix;
    }

    /** Binds one row as the {@code index}-th row of a multi-row statement. */
    static void bind(PreparedStatement s, int index, Row row) throws SQLException {
        int base = index * (row.values().length + 1);
        s.setString(base + 1, row.messageId());
        for (int c = 0; c < row.values().length; c++) {
            s.setString(base + c + 2, row.values()[c]);
        }
    }
}
