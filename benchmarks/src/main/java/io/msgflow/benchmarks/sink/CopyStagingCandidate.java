package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.SqlIdentifier;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * {@code COPY} into a temporary staging table (text columns, emptied at commit), then one
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING}: idempotent, and it knows the new ids.
 */
final class CopyStagingCandidate implements Candidate {
    private static final String STAGE = "msgflow_stage";

    @Override
    public String name() {
        return "COPY to temp staging + INSERT ON CONFLICT";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_REPORTS_NEW;
    }

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(createStage());
            CopyText.copy(c, "COPY " + STAGE + " FROM STDIN", Rows.of(records, Instant.now()));
            try (ResultSet rs = s.executeQuery(insertFromStage(table))) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
            c.commit();
        }
    }

    private static String createStage() {
        StringJoiner columns = new StringJoiner(", ");
        Rows.COLUMNS.forEach(name -> columns.add(name + " text"));
        return "CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " (" + columns + ") ON COMMIT DELETE ROWS";
    }

    private static String insertFromStage(String table) {
        StringJoiner selects = new StringJoiner(", ").add("message_id");
        List<String> types = Rows.sqlTypes();
        for (int i = 0; i < types.size(); i++) {
            selects.add(Rows.COLUMNS.get(i + 1) + "::" + types.get(i));
        }
        return "INSERT INTO " + SqlIdentifier.quote(table) + " (" + Sql.columnList() + ") SELECT " + selects + " FROM " + STAGE
                + " ON CONFLICT (message_id) DO NOTHING RETURNING message_id";
    }
}
