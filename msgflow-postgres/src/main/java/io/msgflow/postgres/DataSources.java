package io.msgflow.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Connection pools for a {@link JdbcSink}. */
public final class DataSources {
    private static final Pattern URL_SSL_PARAMETER = Pattern.compile("[?&](ssl[a-z]*)=", Pattern.CASE_INSENSITIVE);

    private DataSources() {
    }

    /**
     * A HikariCP pool of {@link PoolOptions#concurrentWriters()} connections, in manual-commit
     * mode. It opens connections lazily: a database that is down when the pool is built makes
     * the first writes fail (and be retried), not the start of the application. Close it when
     * done.
     */
    public static HikariDataSource pooled(PostgresCredentials credentials, PoolOptions options) {
        return pooled(credentials, options, PostgresTls.asUrlSays());
    }

    /**
     * As {@link #pooled(PostgresCredentials, PoolOptions)}, with connections that use TLS as
     * {@code tls} says.
     *
     * @throws InvalidConfigurationException when {@code tls} is not {@link PostgresTls#asUrlSays()}
     *     and the JDBC URL sets {@code ssl*} parameters of its own (one of the two would be ignored)
     */
    public static HikariDataSource pooled(PostgresCredentials credentials, PoolOptions options, PostgresTls tls) {
        Check.notNull("credentials", credentials);
        Check.notNull("options", options);
        Check.notNull("tls", tls);
        checkNoUrlSsl(credentials, tls);
        HikariConfig config = new HikariConfig();
        config.setPoolName("msgflow-postgres");
        config.setJdbcUrl(credentials.connectionUrl());
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
        tls.connectionProperties().forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    private static void checkNoUrlSsl(PostgresCredentials credentials, PostgresTls tls) {
        if (tls.mode() == PostgresTls.Mode.AS_URL_SAYS) {
            return;
        }
        List<String> names = new ArrayList<>();
        Matcher m = URL_SSL_PARAMETER.matcher(credentials.jdbcUrl());
        while (m.find()) {
            names.add(m.group(1));
        }
        if (!names.isEmpty()) {
            // Names only: a value such as sslpassword's must not appear in a message.
            throw new InvalidConfigurationException("tls", "`tls` is " + tls + ", so the JDBC URL must not set ssl parameters of its own,"
                    + " but it sets " + names);
        }
    }
}
