package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.Row;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * JDBC batching of a one-row {@code INSERT … ON CONFLICT DO NOTHING}; the pool sets pgJDBC's
 * {@code reWriteBatchedInserts}, which folds the batch into multi-row statements. Without
 * {@code RETURNING} (which disables the rewrite) it cannot tell new rows from duplicates.
 */
final class BatchedInsertCandidate implements Candidate {
    private static final int ROWS_PER_EXECUTE = 10_000;

    @Override
    public String name() {
        return "JDBC batch, reWriteBatchedInserts=true";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_SILENT;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        List<Row> rows = Rows.of(records, Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(Sql.insertValues(table, 1, ""))) {
            for (int i = 0; i < rows.size(); i++) {
                Sql.bind(s, 0, rows.get(i));
                s.addBatch();
                if ((i + 1) % ROWS_PER_EXECUTE == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }
}
