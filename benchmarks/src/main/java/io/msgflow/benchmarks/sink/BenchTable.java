package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.SchemaSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table a scenario writes into, in the sink's standard layout (the shipped DDL), and how it
 * is brought back to the same state before every measured write.
 */
final class BenchTable {
    private final BenchDatabase database;
    private final String name;
    private final int prefilledRows;
    private long watermark;

    BenchTable(BenchDatabase database, String name, int prefilledRows) {
        this.database = database;
        this.name = name;
        this.prefilledRows = prefilledRows;
    }

    String name() {
        return name;
    }

    int prefilledRows() {
        return prefilledRows;
    }

    /** Creates the table afresh and fills it with {@code prefilledRows} rows generated in the server. */
    void create() throws SQLException {
        try (Connection c = database.admin(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute(SchemaSql.messageTable(name));
            if (prefilledRows > 0) {
                s.execute("INSERT INTO " + name + " (message_id, message_type, body, attributes, published_at, processed_at)"
                        + " SELECT gen_random_uuid()::text, 'notification',"
                        + " jsonb_build_object('message', 'Disk usage at ' || (i % 50 + 50) || '% on host web-' || (i % 500),"
                        + "   'host', 'web-' || (i % 500), 'severity', 'low', 'metric',"
                        + "   jsonb_build_object('name', 'disk_used_ratio', 'value', random()), 'seq', i),"
                        + " '{\"source\": {\"DataType\": \"String\", \"StringValue\": \"prefill\"}}'::jsonb, now(), now()"
                        + " FROM generate_series(1, " + prefilledRows + ") AS i");
            }
            s.execute("VACUUM ANALYZE " + name);
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM " + name)) {
                rs.next();
                watermark = rs.getLong(1);
            }
        }
    }

    /** Removes every row written after {@link #create()}, vacuums, and checkpoints, so each write meets the same table. */
    void reset() throws SQLException {
        try (Connection c = database.admin(); Statement s = c.createStatement()) {
            if (prefilledRows == 0) {
                s.execute("TRUNCATE " + name);
            } else {
                s.execute("DELETE FROM " + name + " WHERE id > " + watermark);
                s.execute("VACUUM " + name);
            }
            s.execute("CHECKPOINT");
        }
    }

    long rows() throws SQLException {
        try (Connection c = database.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
