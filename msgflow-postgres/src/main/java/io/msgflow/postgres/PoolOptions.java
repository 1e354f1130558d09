package io.msgflow.postgres;

import io.msgflow.internal.Check;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Sizing and timeouts of the connection pool that {@link DataSources#pooled} builds.
 *
 * <p><b>Sizing:</b> a {@link JdbcSink} holds one connection for the duration of one
 * {@code write}, so the pool needs exactly as many connections as there are concurrent writers:
 * 1 in a Lambda function (one invocation per execution environment at a time), the number of
 * processing threads in a long-running consumer. More connections only cost server memory
 * (every instance × pool size counts against {@code max_connections}); fewer make writers wait
 * up to {@link #connectionTimeout()} and then fail. The pool is fixed-size (minimum idle equals
 * maximum) so a burst never pays for connection set-up. Immutable.
 */
public final class PoolOptions {
    private static final Pattern APPLICATION_NAME = Pattern.compile("[\\x20-\\x7E]{1,63}");

    private final int concurrentWriters;
    private final Duration connectionTimeout;
    private final Duration socketTimeout;
    private final Duration maxLifetime;
    private final String applicationName;

    private PoolOptions(Builder b) {
        this.concurrentWriters = b.concurrentWriters;
        this.connectionTimeout = b.connectionTimeout;
        this.socketTimeout = b.socketTimeout;
        this.maxLifetime = b.maxLifetime;
        this.applicationName = b.applicationName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: one writer (a Lambda function), 5 s to get a connection. */
    public static PoolOptions defaults() {
        return builder().build();
    }

    /** Connections in the pool: one per concurrent writer. */
    public int concurrentWriters() {
        return concurrentWriters;
    }

    /** How long a writer waits for a connection (and a new connection for the server) before its write fails. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** How long a connection waits for the server's answer before it is given up as lost. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Age after which an idle connection is replaced, to stay below server and proxy limits. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Shown in {@code pg_stat_activity.application_name}. */
    public String applicationName() {
        return applicationName;
    }

    @Override
    public String toString() {
        return "PoolOptions{concurrentWriters=" + concurrentWriters + ", connectionTimeout=" + connectionTimeout
                + ", socketTimeout=" + socketTimeout + ", maxLifetime=" + maxLifetime + ", applicationName=" + applicationName + "}";
    }

    /** Builds {@link PoolOptions}; each setter checks its rule. Not thread-safe. */
    public static final class Builder {
        private int concurrentWriters = 1;
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private Duration socketTimeout = Duration.ofMinutes(2);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private String applicationName = "msgflow";

        private Builder() {
        }

        /** Threads that write at the same time; 1 (a Lambda function) by default, at most 500. */
        public Builder concurrentWriters(int writers) {
            this.concurrentWriters = Check.between("concurrentWriters", writers, 1, 500);
            return this;
        }

        /** Between 250 ms and 5 min; 5 s by default. */
        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = Check.between("connectionTimeout", timeout, Duration.ofMillis(250), Duration.ofMinutes(5));
            return this;
        }

        /**
         * Between 1 s and 1 h, whole seconds; 2 min by default. Keep it above the sink's
         * statement timeout, which cancels slow statements first.
         */
        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = Check.between("socketTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        /** Between 30 s and 24 h; 30 min by default. */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = Check.between("maxLifetime", lifetime, Duration.ofSeconds(30), Duration.ofHours(24));
            return this;
        }

        /** 1 to 63 printable ASCII characters; {@code msgflow} by default. */
        public Builder applicationName(String name) {
            this.applicationName = Check.matches("applicationName", name, APPLICATION_NAME, "must be 1 to 63 printable ASCII characters");
            return this;
        }

        public PoolOptions build() {
            return new PoolOptions(this);
        }
    }
}
