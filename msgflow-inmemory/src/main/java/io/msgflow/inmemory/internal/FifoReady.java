package io.msgflow.inmemory.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A FIFO queue's visible messages, by message group. A group is receivable only while none of its
 * messages is in flight; a receive takes as many messages of one group as it can, in order, before
 * it moves to the next group (as SQS does). Messages back from flight return to the front of their
 * group in their original order once the whole group is back, so order within a group is kept
 * across retries. Groups with nothing left are forgotten.
 */
final class FifoReady implements ReadyMessages {
    private static final Comparator<QueueEntry> BY_SEQUENCE = Comparator.comparingLong(e -> e.sequence);

    private final Map<String, Group> groups = new HashMap<>();
    private final ArrayDeque<Group> receivable = new ArrayDeque<>();
    private int size;

    private static final class Group {
        final String id;
        final ArrayDeque<QueueEntry> pending = new ArrayDeque<>();
        final List<QueueEntry> returned = new ArrayList<>(0);
        int inFlight;
        boolean queued;

        Group(String id) {
            this.id = id;
        }

        boolean isEmpty() {
            return pending.isEmpty() && returned.isEmpty() && inFlight == 0;
        }
    }

    @Override
    public void addNew(QueueEntry e) {
        Group g = groups.computeIfAbsent(e.message.groupId(), Group::new);
        g.pending.addLast(e);
        size++;
        offer(g);
    }

    @Override
    public void addReturned(QueueEntry e) {
        Group g = groups.get(e.message.groupId());
        g.inFlight--;
        g.returned.add(e);
        size++;
        settle(g);
    }

    @Override
    public int heldBack() {
        int held = 0;
        for (Group g : groups.values()) {
            if (g.inFlight > 0) {
                held += g.pending.size() + g.returned.size();
            }
        }
        return held;
    }

    @Override
    public void inFlightEnded(QueueEntry e) {
        Group g = groups.get(e.message.groupId());
        g.inFlight--;
        settle(g);
    }

    @Override
    public int take(int max, Taker taker) {
        int delivered = 0;
        Group g;
        while (delivered < max && (g = receivable.pollFirst()) != null) {
            g.queued = false;
            QueueEntry e;
            while (delivered < max && (e = g.pending.pollFirst()) != null) {
                size--;
                if (taker.deliver(e)) {
                    g.inFlight++;
                    delivered++;
                }
            }
            offer(g);
            forgetIfEmpty(g);
        }
        return delivered;
    }

    @Override
    public boolean hasTakeable() {
        return !receivable.isEmpty();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void removeIf(Predicate<QueueEntry> condition) {
        for (Group g : new ArrayList<>(groups.values())) {
            int before = g.pending.size() + g.returned.size();
            g.pending.removeIf(condition);
            g.returned.removeIf(condition);
            size -= before - g.pending.size() - g.returned.size();
            forgetIfEmpty(g);
        }
    }

    @Override
    public List<QueueEntry> snapshot() {
        List<QueueEntry> all = new ArrayList<>(size);
        for (Group g : groups.values()) {
            List<QueueEntry> returned = new ArrayList<>(g.returned);
            returned.sort(BY_SEQUENCE);
            all.addAll(returned);
            all.addAll(g.pending);
        }
        return all;
    }

    @Override
    public void clear() {
        groups.clear();
        receivable.clear();
        size = 0;
    }

    private void settle(Group g) {
        if (g.inFlight == 0 && !g.returned.isEmpty()) {
            g.returned.sort(BY_SEQUENCE);
            for (int i = g.returned.size() - 1; i >= 0; i--) {
                g.pending.addFirst(g.returned.get(i));
            }
            g.returned.clear();
        }
        offer(g);
        forgetIfEmpty(g);
    }

    private void offer(Group g) {
        if (!g.queued && g.inFlight == 0 && !g.pending.isEmpty()) {
            g.queued = true;
            receivable.addLast(g);
        }
    }

    private void forgetIfEmpty(Group g) {
        if (g.isEmpty() && !g.queued) {
            groups.remove(g.id, g);
        }
    }
}
