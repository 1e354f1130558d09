package io.msgflow.processing;

import java.time.Duration;

/**
 * Runs a {@link MessageConsumer}'s timed work: visibility heartbeats, the restart of a failed
 * poller after its backoff, the next poll after an empty receive without long poll. One scheduler
 * serves every poller of a consumer. By default the consumer creates one on a single daemon thread
 * on the system clock at {@link MessageConsumer#start()} and shuts it at {@link MessageConsumer#stop}
 * (after the pollers); an injected one is never shut by the consumer. A test injects one on a
 * virtual clock (the in-memory module's {@code TestScheduler}), so the consumer runs on virtual time.
 *
 * <p><b>Threading:</b> implementations are thread-safe; a task runs at most once, never before its
 * delay has passed on the scheduler's clock, and must not block for long.
 */
public interface ConsumerScheduler {

    /** Runs {@code task} once after {@code delay}; a zero delay runs it as soon as possible. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A task that has been scheduled. */
    interface Scheduled {
        /** Makes sure the task does not start (if it has not yet). */
        void cancel();
    }
}
