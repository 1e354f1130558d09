package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Id columns that accept the sink's inserts but not every id as written: {@code char(n)} pads
 * the id it returns, a short {@code varchar(n)} refuses longer ids. Validation names both; a write
 * to such a table (unvalidated) still reports exactly the ids of the batch, or fails before commit.
 */
class IdColumnTypeIT {
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("id_column_it"), 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void aCharIdColumnIsAProblemWithTheSqlThatMakesItText() {
        table("padded", "char(40)");

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink("padded", RecordId.MESSAGE_ID)::validateSchema);

        assertThat(e.problems()).containsExactly("table padded: id column \"message_id\" is character(40), which pads every shorter id"
                + " with spaces, so an id would not read back as it was written: make it text");
        assertThat(e.fixSql()).isEqualTo("-- make the id column text\nALTER TABLE \"padded\" ALTER COLUMN \"message_id\" TYPE text;");
        SqlProbe.execute(pool, e.fixSql());
        assertThat(sink("padded", RecordId.MESSAGE_ID).validateSchema()).isNotNull();
    }

    @Test
    void writingToACharIdColumnReportsTheIdsOfTheBatchNotThePaddedOnes() {
        table("padded_write", "char(40)");
        JdbcSink sink = sink("padded_write", RecordId.MESSAGE_ID);

        WriteResult first = sink.write(List.of(record("id-1", "sqs-1")));
        WriteResult again = sink.write(List.of(record("id-1", "sqs-1")));

        assertThat(first.written()).containsExactly("id-1");
        assertThat(first.duplicates()).isEmpty();
        assertThat(again.written()).isEmpty();
        assertThat(again.duplicates()).containsExactly("id-1");
    }

    @Test
    void writingToACharIdColumnKeyedOnTheSqsMessageIdReportsTheRecordsMessageId() {
        table("padded_sqs", "char(40)");

        WriteResult result = sink("padded_sqs", RecordId.SQS_MESSAGE_ID).write(List.of(record("id-1", "sqs-1")));

        assertThat(result.written()).containsExactly("id-1");
        assertThat(result.duplicates()).isEmpty();
    }

    @Test
    void anIdTheDatabaseChangedFailsTheBatchBeforeCommit() {
        table("rewritten", "text");
        SqlProbe.execute(pool, "CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " NEW.message_id := upper(NEW.message_id); RETURN NEW; END $$;"
                + "CREATE TRIGGER shout BEFORE INSERT ON rewritten FOR EACH ROW EXECUTE FUNCTION shout()");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink("rewritten", RecordId.MESSAGE_ID).write(List.of(record("id-1", "sqs-1"))));

        assertThat(e).hasMessageContaining("returned the id 'ID-1' for an inserted row, but no row of the batch has that id");
        assertThat(SqlProbe.queryOne(pool, "SELECT count(*) FROM rewritten")).isEqualTo("0");
    }

    @Test
    void aVarcharIdColumnShorterThanTheLongestIdIsAProblem() {
        table("short_id", "varchar(127)");
        table("long_enough_id", "varchar(128)");

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink("short_id", RecordId.MESSAGE_ID)::validateSchema);

        assertThat(e.problems()).containsExactly("table short_id: id column \"message_id\" is character varying(127), which holds fewer"
                + " than the 128 characters an id may have, so a longer id would be refused (SQLState 22001): make it text");
        assertThat(e.fixSql()).isEqualTo("-- make the id column text\nALTER TABLE \"short_id\" ALTER COLUMN \"message_id\" TYPE text;");
        assertThat(sink("long_enough_id", RecordId.MESSAGE_ID).validateSchema()).isNotNull();
    }

    private static void table(String name, String idType) {
        SqlProbe.execute(pool, "DROP TABLE IF EXISTS " + name + "; CREATE TABLE " + name + " (message_id " + idType + " NOT NULL UNIQUE, body text)");
    }

    private static JdbcSink sink(String table, RecordId recordId) {
        return JdbcSink.builder(pool).table("t", TableMapping.builder(table).recordId(recordId)
                .column("body", ColumnType.TEXT, SinkRecord::body).build()).build();
    }

    private static SinkRecord record(String id, String sqsId) {
        return new SinkRecord(id, "t", "body of " + id, Map.of(), NOW, Optional.of(id), Optional.of(sqsId));
    }
}
