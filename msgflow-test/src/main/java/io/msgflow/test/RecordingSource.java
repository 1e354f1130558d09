package io.msgflow.test;

import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source that records deliveries and how each was settled. It knows which in-flight messages
 * only wait out a retry's backoff, so that the harness can tell them from messages a consumer is
 * still working on. A visibility change is a retry when the processor reported the failure
 * first; a longer one before that is a consumer's heartbeat.
 */
final class RecordingSource implements MessageSource {
    private final MessageSource delegate;
    private final TrafficLog log;
    private final Clock clock;
    private final Map<String, Integer> awaitingRetry = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger settling = new AtomicInteger();

    RecordingSource(MessageSource delegate, TrafficLog log, Clock clock) {
        this.delegate = delegate;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public String queue() {
        return delegate.queue();
    }

    @Override
    public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
        List<ReceivedMessage> batch = delegate.receive(maxMessages, wait);
        for (ReceivedMessage m : batch) {
            log.add(new TrafficEvent.Delivered(clock.instant(), m));
        }
        return batch;
    }

    @Override
    public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
        settling.incrementAndGet();
        try {
            OperationResult result = delegate.acknowledge(messages);
            result.succeeded().forEach(m -> log.add(new TrafficEvent.Acknowledged(clock.instant(), m)));
            recordFailures("acknowledge", result);
            return result;
        } finally {
            settling.decrementAndGet();
        }
    }

    @Override
    public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
        settling.incrementAndGet();
        try {
            return recordVisibility(delegate.changeVisibility(messages, timeout), timeout);
        } finally {
            settling.decrementAndGet();
        }
    }

    private OperationResult recordVisibility(OperationResult result, Duration timeout) {
        for (ReceivedMessage m : result.succeeded()) {
            String reason = failures.remove(m.receiptHandle());
            if (reason != null || timeout.isZero()) {
                log.add(new TrafficEvent.Retried(clock.instant(), m, timeout, Optional.ofNullable(reason)));
            }
            if (reason != null && !timeout.isZero()) {
                awaitingRetry.put(m.transportMessageId(), m.receiveCount());
            }
        }
        recordFailures("change visibility", result);
        return result;
    }

    @Override
    public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
        settling.incrementAndGet();
        try {
            return recordDeadLetters(deadLetters, delegate.deadLetter(deadLetters));
        } finally {
            settling.decrementAndGet();
        }
    }

    private OperationResult recordDeadLetters(Collection<DeadLetter> deadLetters, OperationResult result) {
        for (DeadLetter d : deadLetters) {
            if (result.succeeded().contains(d.message())) {
                log.add(new TrafficEvent.DeadLettered(clock.instant(), d.message(), d.reason()));
            }
        }
        recordFailures("dead-letter", result);
        return result;
    }

    /** The processor reported that this delivery failed and will be retried. */
    void failed(ReceivedMessage delivery, String reason) {
        failures.put(delivery.receiptHandle(), reason);
    }

    /** Whether a settlement call is under way (its effect on the queue may not be recorded yet). */
    boolean settling() {
        return settling.get() > 0;
    }

    /**
     * Whether a message in flight with this receive count only waits out a retry's backoff (no one
     * is working on it): its delivery of that count failed and was handed back with a delay. Once
     * received again its count is higher, so it no longer matches, however soon this is asked.
     */
    boolean awaitsRetry(String transportMessageId, int receiveCount) {
        Integer failedAt = awaitingRetry.get(transportMessageId);
        return failedAt != null && failedAt == receiveCount;
    }

    private void recordFailures(String operation, OperationResult result) {
        result.failed().forEach(f -> log.add(new TrafficEvent.SettleFailed(clock.instant(), operation, f.message(), f.code(), f.reason())));
    }

    @Override
    public String toString() {
        return "recording " + delegate;
    }
}
