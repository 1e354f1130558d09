package io.msgflow.lambda.internal;

import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink over a connection pool built from credentials that may change under it (a rotated or
 * reset secret): when the database refuses the credentials (SQLState 28P01 or 28000) while the
 * sink is built or while it writes, it has its pool rebuilt from credentials read again, once,
 * and tries that once more; a second refusal is thrown as it came. Thread-safe: concurrent
 * writers that meet the same refusal rebuild once.
 */
public final class CredentialRefreshingSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRefreshingSink.class);

    /** Builds a sink over a new pool; its {@code close()} closes that pool. */
    public interface Connector {
        /** @param reread whether to read the credentials again rather than use the ones read before */
        Sink connect(boolean reread);
    }

    private final Connector connector;
    private final Object lock = new Object();
    private Sink current;

    public CredentialRefreshingSink(Connector connector) {
        this.connector = connector;
    }

    @Override
    public WriteResult write(List<SinkRecord> records) {
        Sink used = connected(records, this::current);
        try {
            return used.write(records);
        } catch (RuntimeException e) {
            if (!AuthenticationFailures.isAuthenticationFailure(e)) {
                throw e;
            }
            return connected(records, () -> reconnect(used, e)).write(records);
        }
    }

    /** The sink {@code connect} gives; a failure to build it fails the batch as a whole, as {@link Sink#write} states. */
    private static Sink connected(List<SinkRecord> records, java.util.function.Supplier<Sink> connect) {
        try {
            return connect.get();
        } catch (SinkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkException("cannot connect to the database to write a batch of " + records.size() + " records: " + e.getMessage(),
                    records.stream().map(SinkRecord::messageId).toList(), e);
        }
    }

    private Sink current() {
        synchronized (lock) {
            if (current == null) {
                try {
                    current = connector.connect(false);
                } catch (RuntimeException e) {
                    if (!AuthenticationFailures.isAuthenticationFailure(e)) {
                        throw e;
                    }
                    logRefresh(e);
                    current = connector.connect(true);
                }
            }
            return current;
        }
    }

    private Sink reconnect(Sink failed, RuntimeException failure) {
        synchronized (lock) {
            if (current == failed) {
                logRefresh(failure);
                current = null;
                failed.close();
                current = connector.connect(true);
            }
            return current;
        }
    }

    private static void logRefresh(RuntimeException failure) {
        LOG.warn("the database refused the credentials ({}); reading them again and rebuilding the connection pool",
                failure.getClass().getSimpleName());
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
