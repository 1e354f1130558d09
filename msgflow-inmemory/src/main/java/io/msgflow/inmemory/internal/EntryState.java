package io.msgflow.inmemory.internal;

/** Where a message is in its queue. */
enum EntryState {
    /** Waiting for the queue's delivery delay. */
    DELAYED,
    /** Receivable (for FIFO: once its group has nothing in flight). */
    VISIBLE,
    /** Received and not yet acknowledged; invisible until its deadline. */
    IN_FLIGHT,
    /** Deleted, moved, expired or purged. */
    GONE
}
