package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.TableMapping;
import io.msgflow.postgres.internal.InsertStatement;
import io.msgflow.postgres.internal.Row;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The sink's statement ({@code INSERT … SELECT FROM unnest(text[], …) ON CONFLICT DO NOTHING
 * RETURNING}) with another number of rows per statement, rows sorted by id as the sink sorts
 * them, but without the sink's planning and result.
 */
final class UnnestCandidate implements Candidate {
    private final int rowsPerStatement;

    UnnestCandidate(int rowsPerStatement) {
        this.rowsPerStatement = rowsPerStatement;
    }

    @Override
    public String name() {
        return "unnest text[], sorted, " + rowsPerStatement + " rows/statement";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_REPORTS_NEW;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        List<Row> rows = new ArrayList<>(Rows.of(records, Instant.now()));
        rows.sort(Comparator.comparing(Row::messageId));
        InsertStatement insert = new InsertStatement(TableMapping.standard(table), rowsPerStatement);
        try (Connection c = dataSource.getConnection()) {
            insert.insert(c, rows, 600);
            c.commit();
        }
    }
}
