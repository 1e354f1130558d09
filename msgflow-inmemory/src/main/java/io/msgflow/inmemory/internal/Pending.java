package io.msgflow.inmemory.internal;

/** A message on its way into a queue, with the deduplication id that applies on FIFO queues ({@code null} otherwise). */
record Pending(StoredMessage message, String deduplicationId) {
}
