package io.msgflow.processing;

import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;

/**
 * Observes processing and consuming. Methods are called on the processing (or scheduler) thread
 * and should be fast; every method does nothing by default. An exception thrown by a listener is
 * logged and otherwise ignored: it never changes an outcome.
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

    /** Moved to the dead-letter queue with {@code reason} (called once the move succeeded). */
    default void deadLettered(ReceivedMessage message, String reason) {
    }

    /** Failed for good, but the queue has no dead-letter queue: left on the queue (see {@link MessageOutcome.Kind#RETAINED}). */
    default void retained(ReceivedMessage message, String reason) {
    }

    /** The queue call applying an outcome failed; the message stays on the queue (see {@link MessageOutcome.Kind#UNSETTLED}). */
    default void unsettled(MessageOutcome outcome) {
    }

    /** A consumer's poller failed outside any message's processing; it is restarted after {@code restartIn}. */
    default void pollerFailed(String queue, Throwable cause, Duration restartIn) {
    }
}
