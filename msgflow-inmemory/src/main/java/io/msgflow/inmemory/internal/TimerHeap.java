package io.msgflow.inmemory.internal;

import java.util.Arrays;

/**
 * The deadlines of one queue (delays ending, visibility lapsing): an indexed binary min-heap on
 * (due, sequence), so the next deadline is O(1) and adding or removing an entry O(log n). Each
 * entry knows its index, which makes removal on acknowledge exact: nothing stale stays behind.
 * Not thread-safe: the owning queue guards it.
 */
final class TimerHeap {
    private QueueEntry[] heap = new QueueEntry[16];
    private int size;

    int size() {
        return size;
    }

    QueueEntry peek() {
        return size == 0 ? null : heap[0];
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when there is none. */
    long nextDue() {
        return size == 0 ? Long.MAX_VALUE : heap[0].due;
    }

    void add(QueueEntry e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.heapIndex = size;
        size++;
        siftUp(e.heapIndex);
    }

    QueueEntry poll() {
        QueueEntry first = peek();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    void remove(QueueEntry e) {
        int i = e.heapIndex;
        if (i < 0) {
            return;
        }
        size--;
        QueueEntry last = heap[size];
        heap[size] = null;
        e.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
        }
        heap = new QueueEntry[16];
        size = 0;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int child = right < size && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[child], heap[i])) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private static boolean before(QueueEntry a, QueueEntry b) {
        return a.due < b.due || (a.due == b.due && a.sequence < b.sequence);
    }

    private void swap(int i, int j) {
        QueueEntry a = heap[i];
        heap[i] = heap[j];
        heap[j] = a;
        heap[i].heapIndex = i;
        heap[j].heapIndex = j;
    }
}
