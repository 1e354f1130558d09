package io.msgflow.inmemory.internal;

/** One delivery handed out by a receive, captured under the queue's lock. */
record Taken(StoredMessage message, String receiptHandle, int receiveCount) {
}
