package io.msgflow.tck.internal;

import io.msgflow.tck.KitTiming;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Receives from a source with bounded real-time waits, never relying on one receive filling a
 * batch: SQS may return fewer messages than available, and an SNS-to-SQS hop is asynchronous.
 */
public final class Poller {
    /** Pause after an empty receive without long poll, so a polling loop does not spin a core. */
    private static final long EMPTY_POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final KitTiming timing;

    public Poller(KitTiming timing) {
        this.timing = timing;
    }

    /** One receive with the kit's wait; pauses briefly when it returned nothing without waiting. */
    public List<ReceivedMessage> receive(MessageSource source, int maxMessages) {
        List<ReceivedMessage> batch = source.receive(maxMessages, timing.receiveWait());
        if (batch.isEmpty() && timing.receiveWait().isZero()) {
            LockSupport.parkNanos(EMPTY_POLL_PAUSE_NANOS);
        }
        return batch;
    }

    /**
     * Receives until {@code count} deliveries arrived or the delivery timeout passed, asking for at
     * most {@code maxPerReceive} per call; returns what arrived, possibly fewer.
     */
    public List<ReceivedMessage> await(MessageSource source, int count, int maxPerReceive) {
        List<ReceivedMessage> received = new ArrayList<>(count);
        long deadline = deadline(timing.deliveryTimeout());
        while (received.size() < count && !passed(deadline)) {
            received.addAll(receive(source, Math.min(maxPerReceive, count - received.size())));
        }
        return received;
    }

    /** Like {@link #await} but acknowledges each batch before the next receive, as FIFO groups need. */
    public List<ReceivedMessage> awaitAndAcknowledge(MessageSource source, int count) {
        List<ReceivedMessage> received = new ArrayList<>(count);
        long deadline = deadline(timing.deliveryTimeout());
        while (received.size() < count && !passed(deadline)) {
            List<ReceivedMessage> batch = receive(source, Math.min(10, count - received.size()));
            if (!batch.isEmpty()) {
                source.acknowledge(batch);
                received.addAll(batch);
            }
        }
        return received;
    }

    /** The first non-empty receive of up to {@code maxMessages} within the delivery timeout, or nothing. */
    public List<ReceivedMessage> firstBatch(MessageSource source, int maxMessages) {
        long deadline = deadline(timing.deliveryTimeout());
        List<ReceivedMessage> batch = receive(source, maxMessages);
        while (batch.isEmpty() && !passed(deadline)) {
            batch = receive(source, maxMessages);
        }
        return batch;
    }

    /**
     * What arrives while the kit expects nothing: receives (at least once) until something
     * arrives or the settle time passed.
     */
    public List<ReceivedMessage> strays(MessageSource source) {
        long deadline = deadline(timing.settleTime());
        List<ReceivedMessage> batch = receive(source, 10);
        while (batch.isEmpty() && !passed(deadline)) {
            batch = receive(source, 10);
        }
        return batch;
    }

    /** A real-time deadline, for loops that must end even when the transport never delivers. */
    public static long deadline(Duration fromNow) {
        return System.nanoTime() + fromNow.toNanos();
    }

    public static boolean passed(long deadline) {
        return System.nanoTime() - deadline >= 0;
    }
}
