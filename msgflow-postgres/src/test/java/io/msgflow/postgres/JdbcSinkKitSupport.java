package io.msgflow.postgres;

import io.msgflow.postgres.internal.AttributesJson;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.tck.SinkCompatibilityKit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The glue between the sink kit and a {@link JdbcSink} on some PostgreSQL server: the workflow's two
 * tables in the standard layout, read back over plain JDBC, and a fault switch that makes the next
 * commit fail with a serialization failure (a deferred constraint trigger that raises once the
 * rows are in).
 */
abstract class JdbcSinkKitSupport extends SinkCompatibilityKit {
    static final Map<String, String> TABLES = Map.of(NOTIFICATION, "notification_messages", CRITICAL_ALERT, "critical_alerts");

    private boolean prepared;

    /** A pool whose connections work in a schema of this test class, with room for 8 concurrent writers. */
    protected abstract DataSource dataSource();

    @Override
    protected Sink newSink() {
        JdbcSink sink = JdbcSink.builder(dataSource())
                .table(NOTIFICATION, TABLES.get(NOTIFICATION))
                .table(CRITICAL_ALERT, TABLES.get(CRITICAL_ALERT))
                .build();
        if (!prepared) {
            sink.createSchemaIfMissing();
            execute(faultSwitchSql());
            prepared = true;
        }
        execute("TRUNCATE notification_messages, critical_alerts RESTART IDENTITY");
        return sink;
    }

    private static String faultSwitchSql() {
        return "CREATE SEQUENCE IF NOT EXISTS kit_fault MINVALUE 0;"
                + "SELECT setval('kit_fault', 1000000000);"
                + "CREATE OR REPLACE FUNCTION kit_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF nextval('kit_fault') = 1 THEN RAISE EXCEPTION 'kit: injected commit failure' USING ERRCODE = '40001'; END IF;"
                + " RETURN NULL; END $$;"
                + "DROP TRIGGER IF EXISTS kit_fail ON notification_messages;"
                + "DROP TRIGGER IF EXISTS kit_fail ON critical_alerts;"
                + "CREATE CONSTRAINT TRIGGER kit_fail AFTER INSERT ON notification_messages DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION kit_fail_once();"
                + "CREATE CONSTRAINT TRIGGER kit_fail AFTER INSERT ON critical_alerts DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION kit_fail_once()";
    }

    @Override
    protected void failNextWrite() {
        execute("SELECT setval('kit_fault', 1, false)");
    }

    @Override
    protected List<SinkRecord> stored(String type) {
        String sql = "SELECT message_id, message_type, body::text, attributes::text, published_at FROM " + TABLES.get(type) + " ORDER BY id";
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<SinkRecord> records = new ArrayList<>();
            while (rs.next()) {
                OffsetDateTime published = rs.getObject(5, OffsetDateTime.class);
                Instant publishedAt = published == null ? null : published.toInstant();
                records.add(new SinkRecord(rs.getString(1), rs.getString(2), rs.getString(3), AttributesJson.read(rs.getString(4)), publishedAt));
            }
            c.commit();
            return records;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected long count(String messageId) {
        String sql = "SELECT (SELECT count(*) FROM notification_messages WHERE message_id = ?)"
                + " + (SELECT count(*) FROM critical_alerts WHERE message_id = ?)";
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, messageId);
            s.setString(2, messageId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                c.commit();
                return count;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected SinkRecord refusedRecord(String messageId, String type) {
        return new SinkRecord(messageId, type, "{\"nul\": \"\\u0000\"}", Map.of(), Instant.EPOCH);
    }

    void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
