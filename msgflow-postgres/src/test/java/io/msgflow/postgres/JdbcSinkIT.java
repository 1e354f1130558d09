package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.MessageAttribute;
import io.msgflow.internal.Json;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the kit does not cover: schema creation, custom mappings, the database's own refusals, configuration errors at write time. */
class JdbcSinkIT {
    private static final Instant NOW = Instant.parse("2025-06-01T08:30:00.123456Z");

    private static TestPostgres postgres;
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("sink_it"), 4);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void dropTables() {
        execute("DROP SCHEMA IF EXISTS reporting CASCADE;"
                + "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP"
                + " EXECUTE 'DROP TABLE ' || quote_ident(t.tablename) || ' CASCADE'; END LOOP; END $$");
    }

    private static JdbcSink workflowSink() {
        return JdbcSink.builder(pool).table("notification", "notification_messages").table("critical_alert", "critical_alerts")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void createSchemaIfMissingCreatesTheStandardTablesFromTheShippedDdl() {
        workflowSink().createSchemaIfMissing();

        for (String table : List.of("notification_messages", "critical_alerts")) {
            assertThat(query("SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', ' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '" + table + "'"))
                    .isEqualTo("id bigint NO, message_id text NO, message_type text NO, body jsonb NO, attributes jsonb NO,"
                            + " published_at timestamp with time zone YES, processed_at timestamp with time zone NO");
            assertThat(query("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '" + table + "'"
                    + " AND indexdef LIKE 'CREATE UNIQUE INDEX % (message_id)'")).isEqualTo("1");
        }
    }

    @Test
    void createSchemaIfMissingKeepsExistingTablesAndTheirRows() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();
        sink.write(List.of(record("kept", "notification", "{}")));

        sink.createSchemaIfMissing();

        assertThat(query("SELECT count(*) FROM notification_messages")).isEqualTo("1");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentSchemaCreationFromSeveralProcessesSucceeds() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<JdbcSink>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(executor.submit(() -> workflowSink().createSchemaIfMissing()));
            }
            for (Future<JdbcSink> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(query("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")).isEqualTo("2");
    }

    @Test
    void aSchemaQualifiedTableGetsItsSchemaCreated() {
        JdbcSink sink = JdbcSink.builder(pool).table("notification", "reporting.notifications").build().createSchemaIfMissing();

        assertThat(sink.write(List.of(record("q1", "notification", "{}"))).written()).containsExactly("q1");
        assertThat(query("SELECT message_id FROM reporting.notifications")).isEqualTo("q1");
    }

    @Test
    void rowsCarryTheTypeTheWriteTimeOfTheSinkClockAndThePublicationTime() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();
        SinkRecord record = new SinkRecord("t1", "critical_alert", "{\"level\": \"high\"}",
                Map.of("source", MessageAttribute.string("probe")), Instant.parse("2025-06-01T08:29:59.5Z"));

        sink.write(List.of(record));

        assertThat(query("SELECT message_type || ' ' || body::text || ' ' || attributes::text || ' '"
                + " || to_char(published_at AT TIME ZONE 'UTC', 'HH24:MI:SS.US') || ' ' || to_char(processed_at AT TIME ZONE 'UTC', 'HH24:MI:SS.US')"
                + " FROM critical_alerts"))
                .isEqualTo("critical_alert {\"level\": \"high\"} {\"source\": {\"DataType\": \"String\", \"StringValue\": \"probe\"}}"
                        + " 08:29:59.500000 08:30:00.123456");
    }

    @Test
    void aBodyTheTablesCheckConstraintRefusesIsRejectedByIdAndTheRestCommitted() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();
        execute("ALTER TABLE critical_alerts ADD CONSTRAINT alert_has_level CHECK (body ? 'level')");

        WriteResult result = sink.write(List.of(record("ok-1", "critical_alert", "{\"level\":\"high\"}"),
                record("no-level", "critical_alert", "{\"message\":\"disk full\"}"),
                record("ok-2", "notification", "{\"message\":\"fine\"}")));

        assertThat(result.written()).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(result.rejected()).containsOnlyKeys("no-level");
        assertThat(result.rejected().get("no-level")).startsWith("table 'critical_alerts' refused the record: ")
                .contains("alert_has_level").endsWith("(SQLState 23514)");
        assertThat(query("SELECT count(*) FROM critical_alerts WHERE message_id = 'no-level'")).isEqualTo("0");
    }

    @Test
    void aBodyJsonbCannotHoldIsRejectedWithTheDatabasesReason() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();

        WriteResult result = sink.write(List.of(record("nul", "notification", "{\"text\":\"a\\u0000b\"}"),
                record("nul-text", "notification", "plain a\u0000b"), record("fine", "notification", "{}")));

        assertThat(result.written()).containsExactly("fine");
        assertThat(result.rejected().get("nul")).contains("unsupported Unicode escape sequence").endsWith("(SQLState 22P05)");
        assertThat(result.rejected().get("nul-text")).contains("unsupported Unicode escape sequence").endsWith("(SQLState 22P05)");
    }

    @Test
    void aBodyThatIsNotJsonIsStoredInTheJsonbColumnAsAJsonStringOfItsText() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();
        String[] bodies = {"This is a general notification 1.", "<xml/>", "{\"title\": \"unterminated", "{} {}", "", "AAEC//5/"};
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            records.add(record("text-" + i, "notification", bodies[i]));
        }
        records.add(record("json", "notification", "{\"a\": [1, 2]}"));

        WriteResult result = sink.write(records);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.written()).hasSize(bodies.length + 1);
        for (int i = 0; i < bodies.length; i++) {
            assertThat(query("SELECT jsonb_typeof(body) || ':' || (body #>> '{}') FROM notification_messages WHERE message_id = 'text-" + i + "'"))
                    .isEqualTo("string:" + bodies[i]);
        }
        assertThat(query("SELECT body::text FROM notification_messages WHERE message_id = 'json'")).isEqualTo("{\"a\": [1, 2]}");
    }

    @Test
    void anUnknownTypeIsRejectedWithoutTouchingTheOthers() {
        JdbcSink sink = workflowSink().createSchemaIfMissing();

        WriteResult result = sink.write(List.of(record("b1", "billing", "{}"), record("n1", "notification", "{}")));

        assertThat(result.written()).containsExactly("n1");
        assertThat(result.rejected()).containsExactly(Map.entry("b1",
                "no table is configured for message type 'billing'; configured types: [critical_alert, notification]"));
    }

    @Test
    void aMissingTableFailsTheWholeBatchNamingTheTable() {
        JdbcSink sink = workflowSink();

        SinkException e = catchThrowableOfType(SinkException.class, () -> sink.write(List.of(record("m1", "notification", "{}"))));

        assertThat(e).hasMessageStartingWith("batch of 1 records to [notification_messages] failed as a whole and was rolled back:")
                .hasMessageContaining("\"notification_messages\" does not exist").hasMessageEndingWith("(SQLState 42P01)");
        assertThat(e.messageIds()).containsExactly("m1");
    }

    @Test
    void aCustomMappingWritesPayloadFieldsIntoTheUsersOwnTable() {
        execute("CREATE TABLE alerts_by_host (msg_id varchar(80) PRIMARY KEY, host text NOT NULL, severity integer CHECK (severity BETWEEN 1 AND 5),"
                + " tags jsonb, stored_at timestamptz NOT NULL)");
        TableMapping mapping = TableMapping.builder("alerts_by_host").idColumn("msg_id")
                .column("host", ColumnType.TEXT, r -> Json.tryParse(r.body()).path("host").asText(null))
                .column("severity", ColumnType.INTEGER, r -> Json.tryParse(r.body()).path("severity").numberValue())
                .column("tags", ColumnType.JSONB, r -> Json.tryParse(r.body()).path("tags"))
                .writeTimeColumn("stored_at")
                .build();
        JdbcSink sink = JdbcSink.builder(pool).table("critical_alert", mapping).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        List<SinkRecord> batch = List.of(
                record("a1", "critical_alert", "{\"host\":\"web-1\",\"severity\":5,\"tags\":[\"disk\"]}"),
                record("a2", "critical_alert", "{\"host\":\"web-2\",\"severity\":9,\"tags\":[]}"),
                record("a3", "critical_alert", "{\"severity\":2}"),
                record("a4", "critical_alert", "not json at all"));

        WriteResult first = sink.write(batch);
        WriteResult again = sink.write(batch);

        assertThat(first.written()).containsExactly("a1");
        assertThat(first.rejected()).containsOnlyKeys("a2", "a3", "a4");
        assertThat(first.rejected().get("a2")).contains("severity_check").endsWith("(SQLState 23514)");
        assertThat(first.rejected().get("a3")).contains("\"host\"").endsWith("(SQLState 23502)");
        assertThat(first.rejected().get("a4")).startsWith("the value of column 'host' of table 'alerts_by_host' could not be computed:");
        assertThat(again.duplicates()).containsExactly("a1");
        assertThat(query("SELECT msg_id || ' ' || host || ' ' || severity || ' ' || tags::text || ' ' || (stored_at = '" + NOW + "')"
                + " FROM alerts_by_host")).isEqualTo("a1 web-1 5 [\"disk\"] true");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStatementOverItsTimeoutIsCancelledAndTheBatchFails() {
        JdbcSink sink = JdbcSink.builder(pool).table("notification", "notification_messages").statementTimeout(Duration.ofSeconds(1))
                .build().createSchemaIfMissing();
        execute("CREATE OR REPLACE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(5); RETURN NULL; END $$;"
                + "CREATE TRIGGER slow AFTER INSERT ON notification_messages FOR EACH STATEMENT EXECUTE FUNCTION slow()");

        SinkException e = catchThrowableOfType(SinkException.class, () -> sink.write(List.of(record("s1", "notification", "{}"))));

        assertThat(e).hasMessageContaining("canceling statement due to user request").hasMessageEndingWith("(SQLState 57014)");
        assertThat(query("SELECT count(*) FROM notification_messages")).isEqualTo("0");
        execute("DROP TRIGGER slow ON notification_messages");
        assertThat(sink.write(List.of(record("s1", "notification", "{}"))).written()).containsExactly("s1");
    }

    private static SinkRecord record(String id, String type, String body) {
        return new SinkRecord(id, type, body, Map.of(), NOW);
    }

    private static void execute(String sql) {
        SqlProbe.execute(pool, sql);
    }

    private static String query(String sql) {
        return SqlProbe.queryOne(pool, sql);
    }
}
