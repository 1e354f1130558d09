package io.msgflow.inmemory.internal;

import java.util.List;
import java.util.function.Predicate;

/**
 * The visible messages of a queue and the order they are received in. Not thread-safe: the
 * owning queue guards it.
 */
interface ReadyMessages {

    /** Decides, for a message taken off the ready set, whether it is delivered now. */
    @FunctionalInterface
    interface Taker {
        /** @return true when delivered (now in flight); false when dropped or moved away */
        boolean deliver(QueueEntry e);
    }

    static ReadyMessages forQueue(boolean fifo) {
        return fifo ? new FifoReady() : new StandardReady();
    }

    /** A message that just became visible for the first time (sent, or its delay ended). */
    void addNew(QueueEntry e);

    /** A message back from flight (visibility lapsed or set to zero). */
    void addReturned(QueueEntry e);

    /** A message in flight left the queue (acknowledged, dead-lettered, expired). */
    void inFlightEnded(QueueEntry e);

    /** Offers up to {@code max} messages, in receive order, to {@code taker}; returns how many it delivered. */
    int take(int max, Taker taker);

    /** Whether {@link #take} would offer anything now. */
    boolean hasTakeable();

    /** Visible messages, blocked ones included. */
    int size();

    /** Visible messages a take cannot offer now because their FIFO group has one in flight. */
    int heldBack();

    void removeIf(Predicate<QueueEntry> condition);

    /** Visible messages in receive order, for inspection. */
    List<QueueEntry> snapshot();

    void clear();
}
