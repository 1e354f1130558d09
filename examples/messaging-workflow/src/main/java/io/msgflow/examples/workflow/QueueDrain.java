package io.msgflow.examples.workflow;

import io.msgflow.internal.Durations;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One branch of the Parallel state: receives batches of up to 10 from one queue, processes and
 * settles each, until every message published to the queue is settled (acknowledged or
 * dead-lettered) and a last receive finds the queue empty. Fails when nothing arrives for the
 * idle timeout while messages are still missing.
 */
final class QueueDrain implements Callable<LaneResult> {
    static final int BATCH_SIZE = 10;
    static final Duration POLL_WAIT = Duration.ofSeconds(2);

    private final Lane lane;
    private final MessageSource source;
    private final MessageProcessor processor;
    private final Set<String> expected;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Progress progress;
    private final Set<String> received = new HashSet<>();
    private final Set<String> processed = new HashSet<>();
    private final Set<String> missing;

    QueueDrain(Lane lane, MessageSource source, MessageProcessor processor, Set<String> expected, Clock clock,
               Duration idleTimeout, Progress progress) {
        this.lane = lane;
        this.source = source;
        this.processor = processor;
        this.expected = Set.copyOf(expected);
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.progress = progress;
        this.missing = new HashSet<>(expected);
    }

    @Override
    public LaneResult call() {
        Instant lastArrival = clock.instant();
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new WorkflowException(lane.queue(), "the drain was interrupted with " + missing.size() + " message(s) unsettled");
            }
            boolean settled = missing.isEmpty();
            List<ReceivedMessage> batch = source.receive(BATCH_SIZE, settled ? Duration.ZERO : POLL_WAIT);
            if (!batch.isEmpty()) {
                settle(batch, processor.processAndSettle(batch, source));
                lastArrival = clock.instant();
            } else if (settled) {
                return new LaneResult(lane, received.size(), processed.size());
            } else if (Duration.between(lastArrival, clock.instant()).compareTo(idleTimeout) >= 0) {
                throw new WorkflowException(lane.queue(), missing.size() + " of the " + expected.size()
                        + " message(s) published to it are not settled, and nothing arrived for " + Durations.format(idleTimeout));
            }
        }
    }

    private void settle(List<ReceivedMessage> batch, BatchResult result) {
        batch.forEach(m -> received.add(m.id()));
        int before = missing.size();
        result.acked().forEach(m -> {
            processed.add(m.id());
            missing.remove(m.id());
        });
        result.deadLettered().forEach(d -> missing.remove(d.message().id()));
        progress.advance(before - missing.size());
    }
}
