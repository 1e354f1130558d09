package io.msgflow.examples.workflow;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.MsgflowException;
import io.msgflow.postgres.DataSources;
import io.msgflow.postgres.PoolOptions;
import io.msgflow.postgres.PostgresCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;

/**
 * The PostgreSQL of a run, with a pool of one connection per lane: an external one by JDBC URL,
 * or an embedded PostgreSQL started for the run on 127.0.0.1 only and removed with its data when
 * closed.
 */
final class Database implements AutoCloseable {
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final String label;

    private Database(PostgresCredentials credentials, EmbeddedPostgres embedded, String label) {
        this.embedded = embedded;
        this.label = label;
        this.pool = DataSources.pooled(credentials, PoolOptions.builder()
                .concurrentWriters(Workflow.LANES.size())
                .applicationName("msgflow-example-workflow")
                .build());
    }

    static Database open(AppOptions options) {
        return options.database().map(Database::external).orElseGet(Database::embedded);
    }

    private static Database external(PostgresCredentials credentials) {
        return new Database(credentials, null, "PostgreSQL at " + credentials.jdbcUrl());
    }

    private static Database embedded() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
        } catch (IOException e) {
            throw new MsgflowException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
        return new Database(PostgresCredentials.fromJdbcUrl(url), postgres,
                "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort() + " (started for this run, removed on exit)");
    }

    HikariDataSource pool() {
        return pool;
    }

    /** Says which database this is, for the summary. */
    String label() {
        return label;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new MsgflowException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
