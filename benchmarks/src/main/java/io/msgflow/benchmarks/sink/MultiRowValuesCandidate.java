package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.Row;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** {@code INSERT … VALUES (…), (…), … ON CONFLICT DO NOTHING RETURNING}, a fixed number of rows per statement. */
final class MultiRowValuesCandidate implements Candidate {
    private final int rowsPerStatement;

    MultiRowValuesCandidate(int rowsPerStatement) {
        this.rowsPerStatement = rowsPerStatement;
    }

    @Override
    public String name() {
        return "multi-row VALUES, " + rowsPerStatement + " rows/statement";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_REPORTS_NEW;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        List<Row> rows = Rows.of(records, Instant.now());
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < rows.size(); from += rowsPerStatement) {
                insert(c, table, rows.subList(from, Math.min(rows.size(), from + rowsPerStatement)));
            }
            c.commit();
        }
    }

    private static void insert(Connection c, String table, List<Row> chunk) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(Sql.insertValues(table, chunk.size(), " RETURNING message_id"))) {
            for (int i = 0; i < chunk.size(); i++) {
                Sql.bind(s, i, chunk.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
    }
}
