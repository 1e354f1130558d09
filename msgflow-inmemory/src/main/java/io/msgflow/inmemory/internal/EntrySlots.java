package io.msgflow.inmemory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every message of one queue, each in a numbered slot that its receipt handles name: finding the
 * message of a handle is an array read, with no hashing. Freed slots are reused; the array
 * shrinks back when the queue empties. Not thread-safe: the owning queue guards it.
 */
final class EntrySlots {
    private static final int INITIAL = 16;
    private static final int SHRINK_ABOVE = 1024;

    private QueueEntry[] slots = new QueueEntry[INITIAL];
    private int[] free = new int[INITIAL];
    private int freeCount;
    private int used;
    private int size;

    int size() {
        return size;
    }

    void add(QueueEntry e) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == slots.length) {
                slots = Arrays.copyOf(slots, used * 2);
            }
            slot = used++;
        }
        slots[slot] = e;
        e.slot = slot;
        size++;
    }

    /** The message in a slot, or {@code null}. */
    QueueEntry get(int slot) {
        return slot >= 0 && slot < used ? slots[slot] : null;
    }

    void remove(QueueEntry e) {
        if (e.slot < 0 || slots[e.slot] != e) {
            return;
        }
        slots[e.slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = e.slot;
        e.slot = -1;
        size--;
        if (size == 0 && slots.length > SHRINK_ABOVE) {
            clear();
        }
    }

    /** Every message, in arrival order; O(n log n), for inspection. */
    List<QueueEntry> inArrivalOrder() {
        List<QueueEntry> all = new ArrayList<>(size);
        forEach(all::add);
        all.sort(Comparator.comparingLong(e -> e.sequence));
        return all;
    }

    void forEach(Consumer<QueueEntry> action) {
        for (int i = 0; i < used; i++) {
            if (slots[i] != null) {
                action.accept(slots[i]);
            }
        }
    }

    void clear() {
        forEach(e -> e.slot = -1);
        slots = new QueueEntry[INITIAL];
        free = new int[INITIAL];
        freeCount = 0;
        used = 0;
        size = 0;
    }
}
