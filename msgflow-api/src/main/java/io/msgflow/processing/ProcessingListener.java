package io.msgflow.processing;

import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;

/**
 * Observes processing. Methods are called on the processing thread and must be fast and must not
 * throw; every method does nothing by default.
 */
public interface ProcessingListener {
    /** Does nothing; the default listener. */
    ProcessingListener NONE = new ProcessingListener() {
    };

    default void received(ReceivedMessage message) {
    }

    /** Handled, written to the sink if any, and about to be acknowledged. */
    default void processed(ReceivedMessage message, Duration latency) {
    }

    /** Failed transiently; will be retried after {@code retryDelay}. */
    default void failed(ReceivedMessage message, Throwable cause, Duration retryDelay) {
    }

    /** Dead-lettered with {@code reason}. */
    default void deadLettered(ReceivedMessage message, String reason) {
    }
}
