package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.Row;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** One {@code INSERT … ON CONFLICT DO NOTHING} and one commit per row: the floor every batch strategy is measured against. */
final class RowPerCommitCandidate implements Candidate {
    @Override
    public String name() {
        return "one INSERT + commit per row";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_REPORTS_NEW;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        List<Row> rows = Rows.of(records, Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(Sql.insertValues(table, 1, ""))) {
            for (Row row : rows) {
                Sql.bind(s, 0, row);
                s.executeUpdate();
                c.commit();
            }
        }
    }
}
