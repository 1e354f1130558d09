package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.SqlIdentifier;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** {@code COPY} straight into the table: the baseline. A repeated id violates the unique constraint and fails the whole COPY. */
final class RawCopyCandidate implements Candidate {
    @Override
    public String name() {
        return "raw COPY into the table (baseline)";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.NOT_IDEMPOTENT;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CopyText.copy(c, "COPY " + SqlIdentifier.quote(table) + " (" + Sql.columnList() + ") FROM STDIN", Rows.of(records, Instant.now()));
            c.commit();
        }
    }
}
