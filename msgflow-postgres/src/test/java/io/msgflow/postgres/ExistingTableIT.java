package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tables of the system msgflow grew from, as they are: a serial key, the SQS MessageId in a
 * varchar, the envelope's Message as text, a created_at whose default lived in the old ORM, no
 * unique key, and duplicates from the old consumer's redeliveries. msgflow validates them up
 * front, says how to fix them, and then writes beside the old consumer, one row per message.
 */
class ExistingTableIT {
    private static final Instant NOW = Instant.parse("2026-11-30T08:15:00.123456Z");
    private static final String OLD_TABLE = "(id serial PRIMARY KEY, message_id varchar(255) NOT NULL, message text NOT NULL,"
            + " created_at timestamp NOT NULL)";

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("existing_it"), 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** The old tables with what the old consumer left in them, a redelivery stored twice included. */
    @BeforeEach
    void oldTables() {
        execute("DROP TABLE IF EXISTS notification_messages, critical_alerts, odd;"
                + "CREATE TABLE notification_messages " + OLD_TABLE + ";"
                + "CREATE TABLE critical_alerts " + OLD_TABLE + ";"
                + "INSERT INTO notification_messages (message_id, message, created_at) VALUES"
                + " ('sqs-n1', 'This is a general notification 1.', '2026-11-01 10:00'),"
                + " ('sqs-n2', 'This is a general notification 2.', '2026-11-01 10:00'),"
                + " ('sqs-n1', 'This is a general notification 1.', '2026-11-01 10:05');"
                + "INSERT INTO critical_alerts (message_id, message, created_at) VALUES"
                + " ('sqs-a1', 'This is a critical alert 1.', '2026-11-01 10:00'),"
                + " ('sqs-a1', 'This is a critical alert 1.', '2026-11-01 10:05'),"
                + " ('sqs-a1', 'This is a critical alert 1.', '2026-11-01 10:10')");
    }

    private static TableMapping oldShape(String table, boolean withWriteTime) {
        TableMapping.Builder b = TableMapping.builder(table).idColumn("message_id").recordId(RecordId.SQS_MESSAGE_ID)
                .column("message", ColumnType.TEXT, SinkRecord::body);
        if (withWriteTime) {
            b.writeTimeColumn("created_at", ColumnType.TIMESTAMP);
        }
        return b.build();
    }

    private static JdbcSink oldShapeSink(boolean withWriteTime) {
        return JdbcSink.builder(pool).table("notification", oldShape("notification_messages", withWriteTime))
                .table("critical_alert", oldShape("critical_alerts", withWriteTime)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void createSchemaIfMissingReportsAnOldTableOfTheSameNameInsteadOfPassingSilently() {
        JdbcSink sink = JdbcSink.builder(pool).table("notification", "notification_messages").table("critical_alert", "critical_alerts")
                .build();

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink::createSchemaIfMissing);

        assertThat(e.tables()).containsExactly("critical_alerts", "notification_messages");
        assertThat(e.problems()).filteredOn(p -> p.startsWith("table notification_messages: ")).containsExactly(
                "table notification_messages: column \"message_type\" (text) is mapped but does not exist",
                "table notification_messages: column \"body\" (jsonb) is mapped but does not exist",
                "table notification_messages: column \"attributes\" (jsonb) is mapped but does not exist",
                "table notification_messages: column \"published_at\" (timestamptz) is mapped but does not exist",
                "table notification_messages: column \"processed_at\" (timestamptz) is mapped but does not exist",
                "table notification_messages: column \"message\" (text) is NOT NULL without a default and the mapping gives it no value,"
                        + " so every insert would fail (SQLState 23502): fill it with a column(\"message\", …) of the mapping, or give it"
                        + " a default (ALTER TABLE \"notification_messages\" ALTER COLUMN \"message\" SET DEFAULT …)",
                "table notification_messages: column \"created_at\" (timestamp without time zone) is NOT NULL without a default and the"
                        + " mapping gives it no value, so every insert would fail (SQLState 23502): fill it with"
                        + " writeTimeColumn(\"created_at\", ColumnType.TIMESTAMP) in the mapping, or give it a default: ALTER TABLE"
                        + " \"notification_messages\" ALTER COLUMN \"created_at\" SET DEFAULT (now() AT TIME ZONE 'UTC')",
                "table notification_messages: no unique constraint or index on (message_id), which idempotent writes (INSERT … ON CONFLICT"
                        + " (message_id) DO NOTHING) need: every write would fail (SQLState 42P10); 1 rows repeat the message_id of an"
                        + " earlier row and must go first");
        assertThat(e.problems()).filteredOn(p -> p.startsWith("table critical_alerts: ")).hasSize(8)
                .last().asString().endsWith("2 rows repeat the message_id of an earlier row and must go first");
        assertThat(query("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = 'notification_messages'")).as("nothing was changed").isEqualTo("4");
    }

    @Test
    void validateSchemaFailsWithOneErrorListingWhatTheOldTablesLackAndTheSqlThatFixesIt() {
        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, () -> oldShapeSink(false).validateSchema());

        assertThat(e).hasMessage("tables [critical_alerts, notification_messages] cannot take the sink's writes as they are (4 problems);"
                + " nothing was written or changed:\n"
                + "  - table critical_alerts: column \"created_at\" (timestamp without time zone) is NOT NULL without a default and the"
                + " mapping gives it no value, so every insert would fail (SQLState 23502): fill it with writeTimeColumn(\"created_at\","
                + " ColumnType.TIMESTAMP) in the mapping, or give it a default: ALTER TABLE \"critical_alerts\" ALTER COLUMN"
                + " \"created_at\" SET DEFAULT (now() AT TIME ZONE 'UTC')\n"
                + "  - table critical_alerts: no unique constraint or index on (message_id), which idempotent writes (INSERT … ON"
                + " CONFLICT (message_id) DO NOTHING) need: every write would fail (SQLState 42P10); 2 rows repeat the message_id of an"
                + " earlier row and must go first\n"
                + "  - table notification_messages: column \"created_at\" (timestamp without time zone) is NOT NULL without a default and"
                + " the mapping gives it no value, so every insert would fail (SQLState 23502): fill it with writeTimeColumn(\"created_at\","
                + " ColumnType.TIMESTAMP) in the mapping, or give it a default: ALTER TABLE \"notification_messages\" ALTER COLUMN"
                + " \"created_at\" SET DEFAULT (now() AT TIME ZONE 'UTC')\n"
                + "  - table notification_messages: no unique constraint or index on (message_id), which idempotent writes (INSERT … ON"
                + " CONFLICT (message_id) DO NOTHING) need: every write would fail (SQLState 42P10); 1 rows repeat the message_id of an"
                + " earlier row and must go first\n"
                + "SQL that fixes it, each statement on its own with auto-commit (CREATE INDEX CONCURRENTLY cannot run in a transaction"
                + " block):\n"
                + "  -- remove the duplicate rows, keeping the first of each message_id (repeat if a writer adds more before the index is"
                + " built)\n"
                + "  DELETE FROM \"critical_alerts\" AS d USING \"critical_alerts\" AS k WHERE d.\"message_id\" = k.\"message_id\" AND"
                + " d.ctid > k.ctid;\n"
                + "  -- build the unique index without blocking writers (outside a transaction block; if it fails, drop the INVALID index"
                + " it leaves with DROP INDEX CONCURRENTLY and repeat from the DELETE)\n"
                + "  CREATE UNIQUE INDEX CONCURRENTLY \"critical_alerts_message_id_key\" ON \"critical_alerts\" (\"message_id\");\n"
                + "  -- optional: attach it as a unique constraint (a brief lock, no scan)\n"
                + "  ALTER TABLE \"critical_alerts\" ADD CONSTRAINT \"critical_alerts_message_id_key\" UNIQUE USING INDEX"
                + " \"critical_alerts_message_id_key\";\n"
                + "  -- remove the duplicate rows, keeping the first of each message_id (repeat if a writer adds more before the index is"
                + " built)\n"
                + "  DELETE FROM \"notification_messages\" AS d USING \"notification_messages\" AS k WHERE d.\"message_id\" ="
                + " k.\"message_id\" AND d.ctid > k.ctid;\n"
                + "  -- build the unique index without blocking writers (outside a transaction block; if it fails, drop the INVALID index"
                + " it leaves with DROP INDEX CONCURRENTLY and repeat from the DELETE)\n"
                + "  CREATE UNIQUE INDEX CONCURRENTLY \"notification_messages_message_id_key\" ON \"notification_messages\" (\"message_id\");\n"
                + "  -- optional: attach it as a unique constraint (a brief lock, no scan)\n"
                + "  ALTER TABLE \"notification_messages\" ADD CONSTRAINT \"notification_messages_message_id_key\" UNIQUE USING INDEX"
                + " \"notification_messages_message_id_key\";");
    }

    @Test
    void theSqlOfTheErrorRemovesTheDuplicatesAndBuildsTheUniqueKeySoTheTablesValidate() {
        JdbcSink sink = oldShapeSink(true);
        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink::validateSchema);
        assertThat(e.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("no unique constraint or index on (message_id)"));

        runOneByOne(e.fixSql());

        assertThat(query("SELECT string_agg(message_id || ':' || id, ',' ORDER BY id) FROM notification_messages"))
                .as("the first row of each message id is kept").isEqualTo("sqs-n1:1,sqs-n2:2");
        assertThat(query("SELECT count(*) FROM critical_alerts")).isEqualTo("1");
        assertThat(query("SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE contype = 'u'"
                + " AND connamespace = current_schema()::regnamespace"))
                .isEqualTo("critical_alerts_message_id_key,notification_messages_message_id_key");
        assertThat(sink.validateSchema()).isSameAs(sink);
    }

    @Test
    void sideBySideTheOldWriterAndMsgflowKeyedOnTheSqsMessageIdKeepOneRowPerMessage() throws SQLException {
        JdbcSink sink = oldShapeSink(true);
        runOneByOne(catchThrowableOfType(SchemaValidationException.class, sink::validateSchema).fixSql());

        oldConsumerStores("notification_messages", Map.of("sqs-n3", "This is a general notification 3."));
        WriteResult first = sink.write(List.of(
                received("sns-n3", "notification", "This is a general notification 3.", "sqs-n3"),
                received("sns-n4", "notification", "This is a general notification 4.", "sqs-n4"),
                received("sns-a2", "critical_alert", "This is a critical alert 2.", "sqs-a2")));
        WriteResult again = sink.write(List.of(received("sns-n4", "notification", "This is a general notification 4.", "sqs-n4")));
        SQLException oldRedelivery = catchThrowableOfType(SQLException.class,
                () -> oldConsumerStores("notification_messages", Map.of("sqs-n4", "This is a general notification 4.")));

        assertThat(first.duplicates()).as("the old consumer stored it first").containsExactly("sns-n3");
        assertThat(first.written()).containsExactlyInAnyOrder("sns-n4", "sns-a2");
        assertThat(again.duplicates()).containsExactly("sns-n4");
        assertThat(oldRedelivery.getSQLState()).as("the old writer's own insert meets the unique key").isEqualTo("23505");
        assertThat(query("SELECT string_agg(message_id || '=' || message, ' | ' ORDER BY id) FROM notification_messages"))
                .isEqualTo("sqs-n1=This is a general notification 1. | sqs-n2=This is a general notification 2."
                        + " | sqs-n3=This is a general notification 3. | sqs-n4=This is a general notification 4.");
        assertThat(query("SELECT created_at::text FROM notification_messages WHERE message_id = 'sqs-n4'"))
                .as("the sink clock's time, UTC wall clock").isEqualTo("2026-11-30 08:15:00.123456");
        assertThat(query("SELECT id FROM critical_alerts WHERE message_id = 'sqs-a2'")).as("the serial key is the database's").isEqualTo("4");
    }

    @Test
    void aRecordWithoutTheIdItsTableIsKeyedOnIsRejectedWithTheReason() {
        JdbcSink sink = oldShapeSink(true);
        runOneByOne(catchThrowableOfType(SchemaValidationException.class, sink::validateSchema).fixSql());

        WriteResult result = sink.write(List.of(new SinkRecord("direct-1", "notification", "written directly", Map.of(), NOW)));

        assertThat(result.rejected()).containsOnlyKeys("direct-1");
        assertThat(result.rejected().get("direct-1")).isEqualTo("table 'notification_messages' is keyed on the SQS_MESSAGE_ID, but"
                + " message direct-1 has none (only a record of a delivery received from SQS carries one)");
    }

    @Test
    void reportsAMissingTableWrongTypesGeneratedColumnsAndUnusableIndexes() {
        execute("CREATE TABLE odd (message_id uuid NOT NULL, body text, n bigint GENERATED ALWAYS AS IDENTITY, at timestamptz);"
                + "CREATE UNIQUE INDEX odd_partial ON odd (message_id) WHERE body IS NOT NULL");
        TableMapping odd = TableMapping.builder("odd").column("body", ColumnType.JSONB, SinkRecord::body)
                .column("n", ColumnType.BIGINT, r -> 1).writeTimeColumn("at", ColumnType.TIMESTAMP).build();
        TableMapping missing = TableMapping.builder("reporting.missing").column("body", ColumnType.JSONB, SinkRecord::body).build();
        JdbcSink sink = JdbcSink.builder(pool).table("gone", missing).table("odd", odd).build();

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink::validateSchema);

        assertThat(e.problems()).containsExactly(
                "table odd: id column \"message_id\" is uuid, but the mapping writes text: map it as ColumnType.UUID",
                "table odd: column \"body\" is text, but the mapping writes jsonb: map it as ColumnType.TEXT",
                "table odd: column \"n\" is GENERATED ALWAYS by the database, so no insert may set it: leave it out of the mapping",
                "table odd: column \"at\" is timestamp with time zone, but the mapping writes timestamp: map it as ColumnType.TIMESTAMPTZ",
                "table odd: no unique constraint or index on (message_id), which idempotent writes (INSERT … ON CONFLICT (message_id) DO"
                        + " NOTHING) need: every write would fail (SQLState 42P10); index \"odd_partial\" is partial (it has a WHERE clause),"
                        + " which ON CONFLICT cannot use",
                "table reporting.missing: the table does not exist");
        assertThat(e.fixSql()).contains("CREATE TABLE \"reporting\".\"missing\" (\n    \"message_id\" text NOT NULL UNIQUE,\n"
                + "    \"body\" jsonb\n);");
    }

    private static SinkRecord received(String snsId, String type, String text, String sqsId) {
        return new SinkRecord(snsId, type, text, Map.of(), NOW, Optional.of(snsId), Optional.of(sqsId));
    }

    /** What the old Python consumer did: insert every message of its batch in one transaction, no conflict handling. */
    private static void oldConsumerStores(String table, Map<String, String> messages) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (message_id, message, created_at) VALUES (?, ?, now())")) {
            try {
                for (Map.Entry<String, String> m : messages.entrySet()) {
                    s.setString(1, m.getKey());
                    s.setString(2, m.getValue());
                    s.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs each statement of a fix script on its own with auto-commit, as the error says. */
    private static void runOneByOne(String fixSql) {
        List<String> statements = new ArrayList<>();
        for (String statement : fixSql.replaceAll("(?m)^--.*\\R", "").split(";\\R?")) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        SqlProbe.executeEach(pool, statements, fixSql);
    }

    private static void execute(String sql) {
        SqlProbe.execute(pool, sql);
    }

    private static String query(String sql) {
        return SqlProbe.queryOne(pool, sql);
    }
}
