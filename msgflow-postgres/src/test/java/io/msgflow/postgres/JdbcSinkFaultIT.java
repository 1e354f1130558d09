package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.MessageAttribute;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writing connection is killed by the server ({@code pg_terminate_backend}) in the middle of
 * a batch: after the first table's rows are inserted, while the second table's insert waits at a
 * gate the test holds. The batch must fail as a whole, leave nothing, and its retry must write
 * every record once, on a pool that has replaced the dead connection by itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JdbcSinkFaultIT {
    private static final String APPLICATION = "msgflow-fault-it";
    private static final List<String> TABLES = List.of("critical_alerts", "notification_messages");

    private static TestPostgres postgres;
    private static HikariDataSource pool;
    private static JdbcSink sink;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Connection probe;

    @BeforeAll
    static void openPool() {
        postgres = TestPostgres.get();
        PostgresCredentials credentials = postgres.freshSchema("sink_fault");
        pool = DataSources.pooled(credentials, PoolOptions.builder().concurrentWriters(2).applicationName(APPLICATION).build());
        sink = JdbcSink.builder(pool).table("notification", "notification_messages").table("critical_alert", "critical_alerts")
                .build().createSchemaIfMissing();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void openProbe() throws SQLException {
        probe = postgres.admin();
        SqlProbe.execute(probe, "SET search_path TO sink_fault");
        SqlProbe.execute(probe, "TRUNCATE notification_messages, critical_alerts");
        SqlProbe.execute(probe, SqlProbe.gateTriggerSql("notification_messages"));
    }

    @AfterEach
    void closeProbe() throws SQLException {
        executor.shutdownNow();
        probe.close();
    }

    @Test
    void connectionKilledMidBatchFailsTheBatchAsAWholeAndItsRetryWritesEachRecordOnce() throws Exception {
        List<SinkRecord> batch = batch(500);
        List<String> ids = batch.stream().map(SinkRecord::messageId).collect(Collectors.toList());
        SqlProbe.execute(probe, "SELECT pg_advisory_lock(" + SqlProbe.GATE + ")");

        Future<WriteResult> write = executor.submit(() -> sink.write(batch));
        String[] waiting = SqlProbe.await("the writer to wait at the gate", Duration.ofSeconds(30), () -> waitingAtGate());
        assertThat(waiting[1]).as("the writer is past the alerts, inserting the notifications").startsWith("INSERT INTO \"notification_messages\"");
        assertThat(SqlProbe.terminate(probe, Integer.parseInt(waiting[0]))).isTrue();

        Throwable failure = failureOf(write);
        SqlProbe.execute(probe, "SELECT pg_advisory_unlock(" + SqlProbe.GATE + ")");

        assertThat(failure).isInstanceOf(SinkException.class).hasMessageContaining("failed as a whole and was rolled back")
                .hasMessageContaining("terminating connection due to administrator command");
        assertThat(((SinkException) failure).messageIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(SqlProbe.rows(probe, TABLES, ids)).as("rows of the failed batch").isZero();

        WriteResult retry = sink.write(batch);

        assertThat(retry.written()).hasSize(1_000).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(SqlProbe.rows(probe, TABLES, ids)).isEqualTo(1_000);
        assertThat(SqlProbe.distinctIds(probe, TABLES)).isEqualTo(1_000);
        assertThat(SqlProbe.backends(probe, APPLICATION)).doesNotContain(Integer.parseInt(waiting[0])).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void idleConnectionsKilledByTheServerAreReplacedWithoutARestart() throws Exception {
        sink.write(batch(5));
        List<Integer> before = SqlProbe.backends(probe, APPLICATION);
        assertThat(before).isNotEmpty();
        for (int pid : before) {
            assertThat(SqlProbe.terminate(probe, pid)).isTrue();
        }
        SqlProbe.await("the killed backends to be gone", Duration.ofSeconds(10),
                () -> backends().stream().noneMatch(before::contains) ? Optional.of(true) : Optional.empty());
        // The pool checks a connection that has been idle for more than 500 ms before lending it.
        Thread.sleep(600);

        List<SinkRecord> next = batch(5);
        WriteResult result = sink.write(next);

        assertThat(result.written()).hasSize(10);
        assertThat(SqlProbe.backends(probe, APPLICATION)).isNotEmpty().doesNotContainAnyElementsOf(before);
    }

    private Optional<String[]> waitingAtGate() {
        try {
            return SqlProbe.waitingAtGate(probe, APPLICATION);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Integer> backends() {
        try {
            return SqlProbe.backends(probe, APPLICATION);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Throwable failureOf(Future<WriteResult> write) throws InterruptedException, TimeoutException {
        try {
            WriteResult unexpected = write.get(60, TimeUnit.SECONDS);
            throw new AssertionError("the write should have failed, but returned " + unexpected);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** {@code perType} alerts and {@code perType} notifications with fresh ids. */
    static List<SinkRecord> batch(int perType) {
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < perType; i++) {
            for (String type : List.of("critical_alert", "notification")) {
                batch.add(new SinkRecord(UUID.randomUUID().toString(), type, "{\"n\":" + i + ",\"text\":\"disk at 91%\"}",
                        Map.of("source", MessageAttribute.string("fault-it")), Instant.parse("2025-01-01T00:00:00Z")));
            }
        }
        return batch;
    }
}
