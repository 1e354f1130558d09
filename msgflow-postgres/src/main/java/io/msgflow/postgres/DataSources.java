package io.msgflow.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.internal.Check;

/** Connection pools for a {@link JdbcSink}. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * A HikariCP pool of {@link PoolOptions#concurrentWriters()} connections, in manual-commit
     * mode. It opens connections lazily: a database that is down when the pool is built makes
     * the first writes fail (and be retried), not the start of the application. Close it when
     * done.
     */
    public static HikariDataSource pooled(PostgresCredentials credentials, PoolOptions options) {
        Check.notNull("credentials", credentials);
        Check.notNull("options", options);
        HikariConfig config = new HikariConfig();
        config.setPoolName("msgflow-postgres");
        config.setJdbcUrl(credentials.jdbcUrl());
        credentials.username().ifPresent(config::setUsername);
        if (credentials.password() != null) {
            config.setPassword(credentials.password());
        }
        config.setMaximumPoolSize(options.concurrentWriters());
        config.setMinimumIdle(options.concurrentWriters());
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setMaxLifetime(options.maxLifetime().toMillis());
        config.setAutoCommit(false);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", options.applicationName());
        config.addDataSourceProperty("connectTimeout", Math.max(1, options.connectionTimeout().toSeconds()));
        config.addDataSourceProperty("socketTimeout", options.socketTimeout().toSeconds());
        config.addDataSourceProperty("tcpKeepAlive", true);
        return new HikariDataSource(config);
    }
}
