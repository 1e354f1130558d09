package io.msgflow.internal.processing;

import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener whose exceptions are logged and dropped: observing never changes an outcome. */
public final class SafeListener implements ProcessingListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final ProcessingListener delegate;

    private SafeListener(ProcessingListener delegate) {
        this.delegate = delegate;
    }

    public static ProcessingListener of(ProcessingListener listener) {
        return listener == ProcessingListener.NONE || listener instanceof SafeListener ? listener : new SafeListener(listener);
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("processing listener {} threw on '{}'; ignored", delegate.getClass().getName(), event, e);
        }
    }

    @Override
    public void received(ReceivedMessage message) {
        guard("received", () -> delegate.received(message));
    }

    @Override
    public void processed(ReceivedMessage message, Duration latency) {
        guard("processed", () -> delegate.processed(message, latency));
    }

    @Override
    public void failed(ReceivedMessage message, Throwable cause, Duration retryDelay) {
        guard("failed", () -> delegate.failed(message, cause, retryDelay));
    }

    @Override
    public void deadLettered(ReceivedMessage message, String reason) {
        guard("deadLettered", () -> delegate.deadLettered(message, reason));
    }

    @Override
    public void retained(ReceivedMessage message, String reason) {
        guard("retained", () -> delegate.retained(message, reason));
    }

    @Override
    public void unsettled(MessageOutcome outcome) {
        guard("unsettled", () -> delegate.unsettled(outcome));
    }

    @Override
    public void pollerFailed(String queue, Throwable cause, Duration restartIn) {
        guard("pollerFailed", () -> delegate.pollerFailed(queue, cause, restartIn));
    }
}
