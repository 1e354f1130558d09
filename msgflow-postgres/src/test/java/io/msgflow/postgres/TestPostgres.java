package io.msgflow.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL server of the integration tests, started once per JVM: embedded (a real
 * PostgreSQL 14 unpacked from Maven, listening on 127.0.0.1 only), or an external server when
 * {@code MSGFLOW_TEST_JDBC_URL} is set (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=u&password=p}).
 * Each test class works in a schema of its own, dropped and recreated by {@link #freshSchema}.
 */
public final class TestPostgres {
    public static final String EXTERNAL_URL_VARIABLE = "MSGFLOW_TEST_JDBC_URL";

    private static TestPostgres instance;

    private final String jdbcUrl;

    private TestPostgres(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv(EXTERNAL_URL_VARIABLE);
            instance = new TestPostgres(external != null && !external.isBlank() ? external : startEmbedded());
        }
        return instance;
    }

    private static String startEmbedded() {
        EmbeddedPostgres postgres = start(EmbeddedPostgres.builder());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
        return urlOf(postgres);
    }

    /** Starts an embedded server that listens on 127.0.0.1 only. */
    public static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            return builder.setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Starts (or restarts) an embedded server on a data directory and port of the caller's choice, keeping the data. */
    public static EmbeddedPostgres startAt(Path dataDirectory, int port) {
        return start(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port));
    }

    public static String urlOf(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
    }

    public static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the schema if present, creates it empty and returns credentials whose connections work in it. */
    public PostgresCredentials freshSchema(String schema) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return PostgresCredentials.fromJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    /** A pool in the schema, with one connection per concurrent writer. */
    public HikariDataSource pool(PostgresCredentials credentials, int writers) {
        return DataSources.pooled(credentials, PoolOptions.builder().concurrentWriters(writers).applicationName("msgflow-it").build());
    }

    /** A plain auto-commit connection outside any pool. */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }
}
