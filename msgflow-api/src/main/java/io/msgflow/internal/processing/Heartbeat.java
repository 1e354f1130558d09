package io.msgflow.internal.processing;

import io.msgflow.processing.ConsumerScheduler;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one batch invisible while it is processed: every half visibility timeout it sets the
 * visibility of the batch's messages to the visibility timeout again, until the cap
 * ({@code maxExtension} since receipt) would be passed. Fenced: {@link #fence()} is called before
 * settlement begins, and no extension runs after it (the lock makes a tick under way finish
 * first), so a heartbeat never overwrites a retry delay or re-hides a handed-back message.
 */
final class Heartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final List<ReceivedMessage> batch;
    private final MessageSource source;
    private final ConsumerScheduler scheduler;
    private final Clock clock;
    private final Duration visibility;
    private final Duration period;
    private final Instant capAt;
    private boolean fenced;
    private ConsumerScheduler.Scheduled next;

    Heartbeat(List<ReceivedMessage> batch, MessageSource source, ConsumerScheduler scheduler, Clock clock,
              Duration visibility, Duration maxExtension) {
        this.batch = batch;
        this.source = source;
        this.scheduler = scheduler;
        this.clock = clock;
        this.visibility = visibility;
        this.period = visibility.dividedBy(2);
        this.capAt = clock.instant().plus(maxExtension);
    }

    synchronized void start() {
        next = scheduler.schedule(period, this);
    }

    @Override
    public synchronized void run() {
        if (fenced) {
            return;
        }
        if (clock.instant().plus(visibility).isAfter(capAt)) {
            LOG.warn("queue '{}': a batch of {} messages is still being processed at the cap of its visibility extension;"
                    + " it becomes visible again and may be delivered twice", source.queue(), batch.size());
            return;
        }
        try {
            source.changeVisibility(batch, visibility).failed().forEach(f -> LOG.warn(
                    "queue '{}': visibility heartbeat of message {} failed ({}: {})", source.queue(), f.message().id(), f.code(), f.reason()));
        } catch (RuntimeException e) {
            LOG.warn("queue '{}': visibility heartbeat failed: {}", source.queue(), e.getMessage());
        }
        next = scheduler.schedule(period, this);
    }

    /** No extension after this returns. */
    synchronized void fence() {
        fenced = true;
        if (next != null) {
            next.cancel();
        }
    }
}
