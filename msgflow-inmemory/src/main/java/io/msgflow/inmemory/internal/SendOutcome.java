package io.msgflow.inmemory.internal;

/**
 * What a queue answers a send with: the SQS MessageId and, for FIFO queues, the sequence number;
 * for a deduplicated send, those of the original.
 *
 * @param message the message the queue holds for this send (the original's, for a duplicate)
 */
record SendOutcome(String sqsMessageId, String sequenceNumber, StoredMessage message) {
}
