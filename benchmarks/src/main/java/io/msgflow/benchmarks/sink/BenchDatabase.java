package io.msgflow.benchmarks.sink;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.postgres.DataSources;
import io.msgflow.postgres.PoolOptions;
import io.msgflow.postgres.PostgresCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The server under measurement: an embedded PostgreSQL on 127.0.0.1, or the one of
 * {@code MSGFLOW_BENCH_JDBC_URL}. The embedded server runs with durable commits
 * ({@code fsync=on}, {@code synchronous_commit=on}), which the embedded default turns off, so a
 * commit costs what it costs in production.
 */
final class BenchDatabase implements AutoCloseable {
    static final String EXTERNAL_URL_VARIABLE = "MSGFLOW_BENCH_JDBC_URL";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final HikariDataSource pool;

    private BenchDatabase(EmbeddedPostgres embedded, String jdbcUrl) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        PostgresCredentials credentials = PostgresCredentials.fromJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true");
        this.pool = DataSources.pooled(credentials, PoolOptions.builder().concurrentWriters(1)
                .socketTimeout(Duration.ofHours(1)).applicationName("msgflow-benchmark").build());
    }

    static BenchDatabase start() throws IOException {
        String external = System.getenv(EXTERNAL_URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new BenchDatabase(null, external);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new BenchDatabase(postgres, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
    }

    HikariDataSource pool() {
        return pool;
    }

    /** A plain auto-commit connection, for maintenance (VACUUM cannot run in a transaction). */
    Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Server version and the settings that shape the numbers. */
    String describe() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "wal_level", "shared_buffers",
                "max_wal_size"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.append(out.length() == 0 ? "" : ", ").append(setting).append('=').append(rs.getString(1));
                }
            }
        }
        return (embedded != null ? "embedded PostgreSQL on 127.0.0.1: " : "external PostgreSQL: ") + out;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
