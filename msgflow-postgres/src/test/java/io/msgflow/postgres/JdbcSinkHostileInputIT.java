package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records PostgreSQL refuses for what they hold alone are refused one by one, with the database's
 * reason, and the good records of the same batch are committed; no two ids ever become one row.
 */
class JdbcSinkHostileInputIT {
    private static final Instant NOW = Instant.parse("2025-06-01T08:30:00Z");

    private static HikariDataSource pool;
    private JdbcSink sink;

    @BeforeAll
    static void openPool() {
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("hostile_it"), 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void freshTables() {
        execute("DROP TABLE IF EXISTS notification_messages, critical_alerts");
        sink = JdbcSink.builder(pool).table("notification", "notification_messages").table("critical_alert", "critical_alerts")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().createSchemaIfMissing();
    }

    @Test
    void anIdTooLongForTheUniqueIndexIsRefusedAloneWithSqlState54000() {
        String longId = incompressible(3_000);

        WriteResult result = sink.write(List.of(record("good-1", "{}"), record(longId, "{}"), record("good-2", "{}")));

        assertThat(result.written()).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(result.rejected()).containsOnlyKeys(longId);
        assertThat(result.rejected().get(longId)).contains("table 'notification_messages' refused the record").contains("SQLState 54000");
        assertThat(count("notification_messages")).isEqualTo(2);
    }

    @Test
    void aBodyNestedTooDeeplyIsRefusedAloneWithSqlState54001() {
        int depth = 200_000;
        String deep = "[".repeat(depth) + "]".repeat(depth);

        WriteResult result = sink.write(List.of(record("good-1", "{}"), record("deep", deep), record("good-2", "{\"a\":1}")));

        assertThat(result.written()).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(result.rejected()).containsOnlyKeys("deep");
        assertThat(result.rejected().get("deep")).contains("SQLState 54001");
    }

    @Test
    void aNumberOutOfNumericRangeAndANulEscapeAreRefusedAlone() {
        WriteResult result = sink.write(List.of(record("good", "{}"), record("tiny", "{\"n\":1e-100000000}"),
                record("nul", "{\"t\":\"a\\u0000b\"}")));

        assertThat(result.written()).containsExactly("good");
        assertThat(result.rejected()).containsOnlyKeys("tiny", "nul");
        assertThat(result.rejected().get("tiny")).contains("SQLState 22003");
        assertThat(result.rejected().get("nul")).contains("SQLState 22P05");
    }

    @Test
    void idsThatDifferOnlyInAnUnpairedSurrogateNeverBecomeOneRow() {
        WriteResult result = sink.write(List.of(record("order-\uD83D", "{}"), record("order-\uD83E", "{}")));

        assertThat(result.written()).isEmpty();
        assertThat(result.duplicates()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("order-\uD83D", "order-\uD83E");
        assertThat(count("notification_messages")).isZero();
    }

    @Test
    void oneIdUnderTwoTypesWritesARowPerTableInOneBatchAsInTwo() {
        WriteResult together = sink.write(List.of(record("same", "{}"), new SinkRecord("same", "critical_alert", "{}", Map.of(), NOW)));
        assertThat(together.written()).containsExactly("same");
        long rowsInOneBatch = count("notification_messages") + count("critical_alerts");

        freshTables();
        sink.write(List.of(record("same", "{}")));
        WriteResult second = sink.write(List.of(new SinkRecord("same", "critical_alert", "{}", Map.of(), NOW)));
        assertThat(second.written()).containsExactly("same");
        long rowsInTwoBatches = count("notification_messages") + count("critical_alerts");

        assertThat(rowsInOneBatch).isEqualTo(rowsInTwoBatches).isEqualTo(2);
    }

    private static String incompressible(int characters) {
        Random random = new Random(54_000);
        StringBuilder id = new StringBuilder(characters);
        for (int i = 0; i < characters; i++) {
            id.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        return id.toString();
    }

    private static SinkRecord record(String id, String body) {
        return new SinkRecord(id, "notification", body, Map.of(), NOW);
    }

    private static long count(String table) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            long n = rs.getLong(1);
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
