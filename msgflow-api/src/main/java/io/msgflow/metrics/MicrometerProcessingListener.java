package io.msgflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;

/**
 * Records processing in Micrometer, tagged with the queue: counters
 * {@code msgflow.messages.received}, {@code .processed}, {@code .failed}, {@code .dead.lettered}
 * (moves that succeeded), {@code .retained} (no dead-letter queue), {@code .unsettled}, the counter
 * {@code msgflow.pollers.failed} and the timer {@code msgflow.processing.latency}. Micrometer is an optional dependency of
 * msgflow: add {@code micrometer-core} to use this class. Thread-safe.
 */
public final class MicrometerProcessingListener implements ProcessingListener {
    private final Counter received;
    private final Counter processed;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter retained;
    private final Counter unsettled;
    private final Counter pollerFailures;
    private final Timer latency;

    public MicrometerProcessingListener(MeterRegistry registry, String queue) {
        this.received = counter(registry, "msgflow.messages.received", queue);
        this.processed = counter(registry, "msgflow.messages.processed", queue);
        this.failed = counter(registry, "msgflow.messages.failed", queue);
        this.deadLettered = counter(registry, "msgflow.messages.dead.lettered", queue);
        this.retained = counter(registry, "msgflow.messages.retained", queue);
        this.unsettled = counter(registry, "msgflow.messages.unsettled", queue);
        this.pollerFailures = counter(registry, "msgflow.pollers.failed", queue);
        this.latency = Timer.builder("msgflow.processing.latency").tag("queue", queue)
                .description("time from the start of handling to the decision to acknowledge").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String queue) {
        return Counter.builder(name).tag("queue", queue).register(registry);
    }

    @Override
    public void received(ReceivedMessage message) {
        received.increment();
    }

    @Override
    public void processed(ReceivedMessage message, Duration duration) {
        processed.increment();
        latency.record(duration);
    }

    @Override
    public void failed(ReceivedMessage message, Throwable cause, Duration retryDelay) {
        failed.increment();
    }

    @Override
    public void deadLettered(ReceivedMessage message, String reason) {
        deadLettered.increment();
    }

    @Override
    public void retained(ReceivedMessage message, String reason) {
        retained.increment();
    }

    @Override
    public void unsettled(MessageOutcome outcome) {
        unsettled.increment();
    }

    @Override
    public void pollerFailed(String queue, Throwable cause, Duration restartIn) {
        pollerFailures.increment();
    }
}
