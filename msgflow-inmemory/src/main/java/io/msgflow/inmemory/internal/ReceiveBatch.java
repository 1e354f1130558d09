package io.msgflow.inmemory.internal;

import java.util.List;

/**
 * What one pass of a receive produced: deliveries, and messages to move to the dead-letter queue
 * (done by the caller after the queue's lock is released, so no thread ever holds two queue locks).
 */
record ReceiveBatch(List<Taken> taken, List<Moved> moved) {
    static final ReceiveBatch NONE = new ReceiveBatch(List.of(), List.of());

    boolean isEmpty() {
        return taken.isEmpty() && moved.isEmpty();
    }
}
