package io.msgflow.inmemory.internal;

/** A message's life in one queue. Mutable; guarded by the lock of the queue that holds it. */
final class QueueEntry {
    final StoredMessage message;
    /** Arrival order in the queue; orders FIFO groups and breaks ties between equal deadlines. */
    final long sequence;
    /** When the queue took it in, the start of its retention (epoch millis). */
    final long enqueuedAt;
    /** When retention ends (epoch millis). */
    final long expiresAt;
    EntryState state = EntryState.VISIBLE;
    int receiveCount;
    /** When the current delivery was received (epoch millis). */
    long receivedAt;
    /** The handle of the current delivery; {@code null} unless in flight. */
    String receiptHandle;
    /** When a delayed message becomes visible or an in-flight one lapses (epoch millis). */
    long due;
    /** Position in the {@link TimerHeap}; -1 when not in it. */
    int heapIndex = -1;
    /** Slot in the queue's {@link EntrySlots}; -1 when not in it. */
    int slot = -1;

    QueueEntry(StoredMessage message, long sequence, long enqueuedAt, long retentionMillis, int receiveCount) {
        this.message = message;
        this.sequence = sequence;
        this.enqueuedAt = enqueuedAt;
        this.expiresAt = enqueuedAt + retentionMillis;
        this.receiveCount = receiveCount;
    }

    String id() {
        return message.sqsMessageId();
    }
}
