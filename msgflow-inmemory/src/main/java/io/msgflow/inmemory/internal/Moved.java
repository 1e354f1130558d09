package io.msgflow.inmemory.internal;

/** A message on its way to a dead-letter queue (redrive), with the receives it had and when it was enqueued. */
record Moved(StoredMessage message, int receiveCount, long enqueuedAt) {
}
