package io.msgflow.inmemory.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A standard queue's visible messages: one deque, O(1) per message; returning messages go to the back. */
final class StandardReady implements ReadyMessages {
    private final ArrayDeque<QueueEntry> visible = new ArrayDeque<>();

    @Override
    public void addNew(QueueEntry e) {
        visible.addLast(e);
    }

    @Override
    public void addReturned(QueueEntry e) {
        visible.addLast(e);
    }

    @Override
    public void inFlightEnded(QueueEntry e) {
        // nothing blocks on in-flight messages of a standard queue
    }

    @Override
    public int take(int max, Taker taker) {
        int delivered = 0;
        QueueEntry e;
        while (delivered < max && (e = visible.pollFirst()) != null) {
            if (taker.deliver(e)) {
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public boolean hasTakeable() {
        return !visible.isEmpty();
    }

    @Override
    public int heldBack() {
        return 0;
    }

    @Override
    public int size() {
        return visible.size();
    }

    @Override
    public void removeIf(Predicate<QueueEntry> condition) {
        visible.removeIf(condition);
    }

    @Override
    public List<QueueEntry> snapshot() {
        return new ArrayList<>(visible);
    }

    @Override
    public void clear() {
        visible.clear();
    }
}
