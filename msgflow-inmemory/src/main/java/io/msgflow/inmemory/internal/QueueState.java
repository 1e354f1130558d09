package io.msgflow.inmemory.internal;

import io.msgflow.TransportException;
import io.msgflow.WireFormat;
import io.msgflow.inmemory.QueueStats;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.internal.Durations;
import io.msgflow.topology.QueueSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQS queue. All state sits behind this queue's own lock; no thread ever holds two queue locks
 * (moves to a dead-letter queue happen after the source's lock is released).
 *
 * <p>Work per message: O(1) for the ready set (a deque, or per-group deques for FIFO) and the
 * id map, O(log n) in the {@link TimerHeap} for delays and visibility deadlines, n being the
 * messages delayed or in flight. Deadlines are applied lazily, on the next operation on the
 * queue, from the injected clock; a long-poll waiter sleeps until the earliest deadline or a
 * signal (a send, a message coming back, a {@code TestClock} advance). No timer threads.
 */
final class QueueState {
    private static final long MAX_VISIBILITY_MILLIS = Duration.ofHours(12).toMillis();

    private final String name;
    private final QueueSpec spec;
    private final Clock clock;
    private final Runnable onChange;
    private final long visibilityMillis;
    private final long delayMillis;
    private final long retentionMillis;
    private final int maxReceiveCount;
    private volatile QueueState deadLetterQueue;
    private volatile WireFormat wireFormat;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReadyMessages ready;
    private final EntrySlots entries = new EntrySlots();
    private final TimerHeap timers = new TimerHeap();
    private final Deduplicator<SendOutcome> deduplicator;
    private long sequence;
    private int inFlight;
    private int delayed;
    private int waiters;
    private long retentionCheckAt = Long.MAX_VALUE;
    private boolean closed;

    QueueState(QueueSpec spec, WireFormat wireFormat, Clock clock, Runnable onChange) {
        this.name = spec.name();
        this.spec = spec;
        this.wireFormat = wireFormat;
        this.clock = clock;
        this.onChange = onChange;
        this.visibilityMillis = spec.visibilityTimeout().toMillis();
        this.delayMillis = spec.delay().toMillis();
        this.retentionMillis = spec.retention().toMillis();
        this.maxReceiveCount = spec.redrive().map(r -> r.maxReceiveCount()).orElse(0);
        this.ready = ReadyMessages.forQueue(spec.isFifo());
        this.deduplicator = spec.isFifo() ? new Deduplicator<>() : null;
    }

    String name() {
        return name;
    }

    QueueSpec spec() {
        return spec;
    }

    WireFormat wireFormat() {
        return wireFormat;
    }

    void wireFormat(WireFormat value) {
        this.wireFormat = value;
    }

    QueueState deadLetterQueue() {
        return deadLetterQueue;
    }

    void deadLetterQueue(QueueState value) {
        this.deadLetterQueue = value;
    }

    /**
     * Accepts new messages in order (SQS SendMessage / SendMessageBatch), under one lock. On a
     * FIFO queue a deduplication id seen in the last five minutes is answered with the original's
     * outcome and nothing is enqueued.
     */
    List<SendOutcome> send(List<Pending> messages) {
        List<SendOutcome> outcomes = new ArrayList<>(messages.size());
        lock.lock();
        try {
            checkOpen();
            long now = clock.millis();
            advance(now);
            for (Pending p : messages) {
                outcomes.add(accept(p, now));
            }
            signalIfReceivable();
        } finally {
            lock.unlock();
        }
        onChange.run();
        return outcomes;
    }

    private SendOutcome accept(Pending p, long now) {
        SendOutcome outcome = deduplicator == null ? null : deduplicator.find(p.deduplicationId(), now);
        if (outcome == null) {
            QueueEntry e = insert(p.message(), now, now, 0, true);
            outcome = new SendOutcome(e.id(), deduplicator == null ? null : Ids.sequenceNumber(e.sequence), p.message());
            if (deduplicator != null) {
                deduplicator.remember(p.deduplicationId(), outcome, now);
            }
        }
        return outcome;
    }

    /**
     * Takes in a message redriven from a source queue: same message, same receive count, no delay.
     * Retention runs on from the original enqueue time on standard queues and restarts on FIFO
     * queues, as SQS does.
     */
    void acceptMoved(List<Moved> moved) {
        lock.lock();
        try {
            checkOpen();
            long now = clock.millis();
            advance(now);
            for (Moved m : moved) {
                insert(m.message(), now, spec.isFifo() ? now : m.enqueuedAt(), m.receiveCount(), false);
            }
            signalIfReceivable();
        } finally {
            lock.unlock();
        }
        onChange.run();
    }

    /**
     * Receives up to {@code max} messages, waiting until one can be received, something must move
     * to the dead-letter queue, or the wait ends (see {@link io.msgflow.inmemory.LongPollWait}).
     * An interrupt ends the wait with nothing received and the interrupt flag set.
     */
    ReceiveBatch receive(int max, long clockDeadline, long realDeadlineNanos, boolean realTimeBound) {
        ReceiveBatch batch;
        lock.lock();
        try {
            batch = awaitBatch(max, clockDeadline, realDeadlineNanos, realTimeBound);
        } finally {
            lock.unlock();
        }
        if (!batch.isEmpty()) {
            onChange.run();
        }
        return batch;
    }

    private ReceiveBatch awaitBatch(int max, long clockDeadline, long realDeadlineNanos, boolean realTimeBound) {
        while (!closed) {
            long now = clock.millis();
            advance(now);
            ReceiveBatch batch = take(max, now);
            long realLeft = realDeadlineNanos - System.nanoTime();
            if (!batch.isEmpty() || now >= clockDeadline || (realTimeBound && realLeft <= 0)) {
                return batch;
            }
            long park = TimeUnit.MILLISECONDS.toNanos(Math.min(clockDeadline, timers.nextDue()) - now);
            if (!await(realTimeBound ? Math.min(park, realLeft) : park)) {
                return ReceiveBatch.NONE;
            }
        }
        return ReceiveBatch.NONE;
    }

    private boolean await(long nanos) {
        waiters++;
        try {
            changed.awaitNanos(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters--;
        }
    }

    private ReceiveBatch take(int max, long now) {
        if (!ready.hasTakeable()) {
            return ReceiveBatch.NONE;
        }
        List<Taken> taken = new ArrayList<>(Math.min(max, ready.size()));
        List<Moved> moved = new ArrayList<>(0);
        ready.take(max, e -> {
            if (e.expiresAt <= now) {
                forget(e);
                return false;
            }
            if (maxReceiveCount > 0 && e.receiveCount >= maxReceiveCount) {
                forget(e);
                moved.add(new Moved(e.message, e.receiveCount, e.enqueuedAt));
                return false;
            }
            taken.add(deliver(e, now));
            return true;
        });
        return new ReceiveBatch(taken, moved);
    }

    private Taken deliver(QueueEntry e, long now) {
        e.receiveCount++;
        e.state = EntryState.IN_FLIGHT;
        e.receivedAt = now;
        e.receiptHandle = ReceiptHandles.of(e);
        e.due = now + visibilityMillis;
        timers.add(e);
        inFlight++;
        return new Taken(e.message, e.receiptHandle, e.receiveCount);
    }

    /** Deletes the messages of these deliveries (SQS DeleteMessageBatch); one outcome per handle, in order. */
    List<Outcome> acknowledge(List<String> handles) {
        return onInFlight(handles, e -> {
            if (e.state == EntryState.IN_FLIGHT) {
                removeInFlight(e);
            } else {
                ready.removeIf(x -> x == e);
                forget(e);
            }
            return Outcome.ok(e.message);
        }, !spec.isFifo());
    }

    /** Removes the messages of these deliveries so that they can be sent to the dead-letter queue. */
    List<Outcome> removeForDeadLetter(List<String> handles) {
        return acknowledge(handles);
    }

    /** Sets the visibility of these deliveries to {@code timeout} from now (SQS ChangeMessageVisibilityBatch). */
    List<Outcome> changeVisibility(List<String> handles, Duration timeout) {
        long timeoutMillis = timeout.toMillis();
        return onInFlight(handles, e -> {
            long now = clock.millis();
            if (now + timeoutMillis > e.receivedAt + MAX_VISIBILITY_MILLIS) {
                return Outcome.failed(Outcome.INVALID_PARAMETER_VALUE, "queue '" + name + "': message " + e.id()
                        + " was received at " + Instant.ofEpochMilli(e.receivedAt) + " and can stay invisible at most 12 h after that, until "
                        + Instant.ofEpochMilli(e.receivedAt + MAX_VISIBILITY_MILLIS) + ", but the visibility timeout "
                        + Durations.format(timeout) + " would end at " + Instant.ofEpochMilli(now + timeoutMillis));
            }
            timers.remove(e);
            if (timeoutMillis == 0) {
                e.due = now;
                returnToVisible(e);
            } else {
                e.due = now + timeoutMillis;
                timers.add(e);
            }
            return Outcome.ok(e.message);
        });
    }

    private interface InFlightAction {
        Outcome apply(QueueEntry e);
    }

    private List<Outcome> onInFlight(List<String> handles, InFlightAction action) {
        return onInFlight(handles, action, false);
    }

    /**
     * @param latestHandleAfterLapse whether the most recent receipt handle of a message that became
     *     visible again, and was not received since, still works: SQS deletes a standard queue's
     *     message by it (so a queue with visibility timeout 0 can be drained), while a FIFO queue
     *     and ChangeMessageVisibility refuse it
     */
    private List<Outcome> onInFlight(List<String> handles, InFlightAction action, boolean latestHandleAfterLapse) {
        List<Outcome> outcomes = new ArrayList<>(handles.size());
        lock.lock();
        try {
            checkOpen();
            advance(clock.millis());
            for (String handle : handles) {
                QueueEntry e = entries.get(ReceiptHandles.slot(handle));
                if (e != null && !ReceiptHandles.names(handle, e)) {
                    e = null;
                }
                boolean usable = e != null && (handle.equals(e.receiptHandle)
                        || latestHandleAfterLapse && e.state == EntryState.VISIBLE && ReceiptHandles.receiveCount(handle) == e.receiveCount);
                Outcome stale = usable ? null : staleHandle(handle, e);
                outcomes.add(stale != null ? stale : action.apply(e));
            }
            signalIfReceivable();
        } finally {
            lock.unlock();
        }
        onChange.run();
        return outcomes;
    }

    private Outcome staleHandle(String handle, QueueEntry e) {
        String reason;
        if (e == null) {
            reason = ReceiptHandles.slot(handle) < 0 ? "receipt handle '" + handle + "' was not issued by this queue"
                    : "the message of receipt handle '" + handle + "' is no longer on the queue (acknowledged, dead-lettered, "
                    + "expired or purged)";
        } else if (ReceiptHandles.receiveCount(handle) < e.receiveCount) {
            reason = "message " + e.id() + " was received again (receive " + e.receiveCount + ") after the delivery of receipt handle '"
                    + handle + "'; only the latest receipt handle works";
        } else {
            reason = "the visibility timeout of the delivery with receipt handle '" + handle + "' of message " + e.id()
                    + " lapsed at " + Instant.ofEpochMilli(e.due) + "; the message is visible again and must be received anew";
        }
        return Outcome.failed(Outcome.RECEIPT_HANDLE_IS_INVALID, "queue '" + name + "': " + reason);
    }

    /** Counts by state, after applying every deadline that has passed. */
    QueueStats stats() {
        lock.lock();
        try {
            checkOpen();
            advance(clock.millis());
            return new QueueStats(ready.size(), inFlight, delayed, ready.heldBack());
        } finally {
            lock.unlock();
        }
    }

    /** When the earliest delay or visibility timeout still pending ends, in clock millis; empty when none is. */
    java.util.OptionalLong nextDeadline() {
        lock.lock();
        try {
            checkOpen();
            advance(clock.millis());
            QueueEntry next = timers.peek();
            return next == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(next.due);
        } finally {
            lock.unlock();
        }
    }

    /** Every message on the queue in arrival order, without receiving any. */
    List<QueuedMessage> peek() {
        lock.lock();
        try {
            checkOpen();
            advance(clock.millis());
            List<QueuedMessage> all = new ArrayList<>(entries.size());
            for (QueueEntry e : entries.inArrivalOrder()) {
                all.add(Deliveries.queued(name, wireFormat, e));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every message, in flight or not (SQS PurgeQueue); returns how many there were. */
    int purge() {
        int count;
        lock.lock();
        try {
            checkOpen();
            count = entries.size();
            clear();
        } finally {
            lock.unlock();
        }
        onChange.run();
        return count;
    }

    /** Lets long-poll waiters look at the clock again (it was moved by a test). */
    void wakeWaiters() {
        lock.lock();
        try {
            if (waiters > 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops every message and wakes every waiter; later calls fail. */
    void close() {
        lock.lock();
        try {
            closed = true;
            clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private QueueEntry insert(StoredMessage message, long now, long enqueuedAt, int receiveCount, boolean applyDelay) {
        QueueEntry e = new QueueEntry(message, ++sequence, enqueuedAt, retentionMillis, receiveCount);
        entries.add(e);
        retentionCheckAt = Math.min(retentionCheckAt, e.expiresAt);
        if (applyDelay && delayMillis > 0) {
            e.state = EntryState.DELAYED;
            e.due = now + delayMillis;
            timers.add(e);
            delayed++;
        } else {
            ready.addNew(e);
        }
        return e;
    }

    /** Applies every deadline up to {@code now}: delays end, visibility lapses, retention expires. */
    private void advance(long now) {
        QueueEntry e;
        while ((e = timers.peek()) != null && e.due <= now) {
            timers.remove(e);
            if (e.state == EntryState.DELAYED) {
                delayed--;
                e.state = EntryState.VISIBLE;
                ready.addNew(e);
            } else {
                returnToVisible(e);
            }
        }
        if (now >= retentionCheckAt) {
            expireRetained(now);
        }
        signalIfReceivable();
    }

    private void returnToVisible(QueueEntry e) {
        inFlight--;
        e.state = EntryState.VISIBLE;
        e.receiptHandle = null;
        ready.addReturned(e);
    }

    private void removeInFlight(QueueEntry e) {
        timers.remove(e);
        inFlight--;
        ready.inFlightEnded(e);
        forget(e);
    }

    private void forget(QueueEntry e) {
        entries.remove(e);
        e.state = EntryState.GONE;
        e.receiptHandle = null;
    }

    private void expireRetained(long now) {
        List<QueueEntry> expired = new ArrayList<>();
        long[] next = {Long.MAX_VALUE};
        entries.forEach(e -> {
            if (e.expiresAt <= now) {
                expired.add(e);
            } else {
                next[0] = Math.min(next[0], e.expiresAt);
            }
        });
        boolean visibleExpired = false;
        for (QueueEntry e : expired) {
            if (e.state == EntryState.DELAYED) {
                timers.remove(e);
                delayed--;
            } else if (e.state == EntryState.IN_FLIGHT) {
                timers.remove(e);
                inFlight--;
                ready.inFlightEnded(e);
            } else {
                visibleExpired = true;
            }
            forget(e);
        }
        if (visibleExpired) {
            ready.removeIf(x -> x.state == EntryState.GONE);
        }
        retentionCheckAt = next[0];
    }

    private void clear() {
        entries.forEach(e -> {
            e.state = EntryState.GONE;
            e.receiptHandle = null;
        });
        entries.clear();
        timers.clear();
        ready.clear();
        inFlight = 0;
        delayed = 0;
        retentionCheckAt = Long.MAX_VALUE;
    }

    private void signalIfReceivable() {
        if (waiters > 0 && ready.hasTakeable()) {
            changed.signalAll();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportException(name, "the in-memory transport is closed", null);
        }
    }
}
