package io.msgflow.inmemory.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The FIFO deduplication window: an id seen in the last five minutes maps to the outcome of its
 * first send. Memory is bounded by the ids of the last window; expired ids leave in arrival order.
 * Not thread-safe: the owning topic or queue guards it.
 *
 * @param <R> what a duplicate is answered with (the ids of the original)
 */
final class Deduplicator<R> {
    static final long WINDOW_MILLIS = 5 * 60 * 1000L;

    private final Map<String, Remembered<R>> byId = new HashMap<>();
    private final ArrayDeque<Remembered<R>> byExpiry = new ArrayDeque<>();

    private record Remembered<R>(String id, R outcome, long expiresAt) {
    }

    /** The outcome of the first send of {@code id} within the window, or {@code null}. */
    R find(String id, long now) {
        expire(now);
        Remembered<R> r = byId.get(id);
        return r == null ? null : r.outcome;
    }

    /** Remembers the first send of an id that {@link #find} did not know. */
    void remember(String id, R outcome, long now) {
        Remembered<R> r = new Remembered<>(id, outcome, now + WINDOW_MILLIS);
        byId.put(id, r);
        byExpiry.addLast(r);
    }

    int size() {
        return byId.size();
    }

    private void expire(long now) {
        Remembered<R> head;
        while ((head = byExpiry.peekFirst()) != null && head.expiresAt <= now) {
            byExpiry.pollFirst();
            byId.remove(head.id, head);
        }
    }
}
