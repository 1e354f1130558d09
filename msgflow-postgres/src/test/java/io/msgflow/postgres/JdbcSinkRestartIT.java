package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database is stopped in the middle of a batch and started again on the same data directory
 * and port, while the application keeps its sink and pool: writes fail as a whole while it is
 * down, and once it is back the retry writes each record once, next to what was committed before.
 * Runs its own embedded server, whatever {@code MSGFLOW_TEST_JDBC_URL} says.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JdbcSinkRestartIT {
    private static final String APPLICATION = "msgflow-restart-it";
    private static final List<String> TABLES = List.of("critical_alerts", "notification_messages");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;
    private HikariDataSource pool;

    @BeforeEach
    void startServer() throws IOException {
        dataDirectory = Files.createTempDirectory(Path.of("target"), "restart-pg-");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        server = TestPostgres.startAt(dataDirectory, port);
        pool = DataSources.pooled(PostgresCredentials.fromJdbcUrl(TestPostgres.urlOf(server)),
                PoolOptions.builder().concurrentWriters(1).connectionTimeout(Duration.ofSeconds(1)).applicationName(APPLICATION).build());
    }

    @AfterEach
    void stopServer() throws IOException {
        executor.shutdownNow();
        pool.close();
        TestPostgres.close(server);
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
    }

    @Test
    void stopMidBatchThenRestartLosesNothingCommittedAndDuplicatesNothing() throws Exception {
        JdbcSink sink = JdbcSink.builder(pool).table("notification", "notification_messages").table("critical_alert", "critical_alerts")
                .build().createSchemaIfMissing();
        List<SinkRecord> committed = JdbcSinkFaultIT.batch(50);
        assertThat(sink.write(committed).written()).hasSize(100);
        List<SinkRecord> batch = new ArrayList<>(committed.subList(0, 40));
        batch.addAll(JdbcSinkFaultIT.batch(100));

        try (Connection gateHolder = admin()) {
            SqlProbe.execute(gateHolder, SqlProbe.gateTriggerSql("notification_messages"));
            SqlProbe.execute(gateHolder, "SELECT pg_advisory_lock(" + SqlProbe.GATE + ")");
            Future<WriteResult> write = executor.submit(() -> sink.write(batch));
            SqlProbe.await("the writer to wait at the gate", Duration.ofSeconds(30), () -> waitingAtGate(gateHolder));

            TestPostgres.close(server);

            assertThat(JdbcSinkFaultIT.failureOf(write)).isInstanceOf(SinkException.class)
                    .hasMessageContaining("failed as a whole and was rolled back");
        }
        SinkException whileDown = catchThrowableOfType(SinkException.class, () -> sink.write(batch));
        assertThat(whileDown).as("a write while the database is down fails as a whole").isNotNull();
        assertThat(whileDown.messageIds()).hasSize(240);

        server = TestPostgres.startAt(dataDirectory, port);
        try (Connection c = admin()) {
            assertThat(SqlProbe.rows(c, TABLES, ids(committed))).as("rows committed before the stop").isEqualTo(100);
            assertThat(SqlProbe.rows(c, TABLES, ids(batch.subList(40, 240)))).as("rows of the interrupted batch").isZero();
        }

        WriteResult retry = retryAsTheRuntimeWould(sink, batch);

        assertThat(retry.written()).containsExactlyInAnyOrderElementsOf(ids(batch.subList(40, 240)));
        assertThat(retry.duplicates()).containsExactlyInAnyOrderElementsOf(ids(batch.subList(0, 40)));
        try (Connection c = admin()) {
            assertThat(SqlProbe.rows(c, TABLES, ids(committed))).isEqualTo(100);
            assertThat(SqlProbe.rows(c, TABLES, ids(batch))).isEqualTo(240);
            assertThat(SqlProbe.distinctIds(c, TABLES)).isEqualTo(300);
        }
    }

    /**
     * The pool re-connects in the background with a growing back-off (HikariCP: up to 5 s), so the
     * first writes after the restart may still fail; each such failure must be a whole-batch
     * {@link SinkException}, as the runtime expects before it retries.
     */
    private static WriteResult retryAsTheRuntimeWould(JdbcSink sink, List<SinkRecord> batch) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return sink.write(batch);
            } catch (SinkException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the pool did not recover within 30 s", e);
                }
            }
        }
    }

    private static Optional<String[]> waitingAtGate(Connection c) {
        try {
            return SqlProbe.waitingAtGate(c, APPLICATION);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(TestPostgres.urlOf(server));
    }

    private static List<String> ids(List<SinkRecord> records) {
        return records.stream().map(SinkRecord::messageId).collect(Collectors.toList());
    }
}
