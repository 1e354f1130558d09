package io.msgflow.inmemory.internal;

/** What a queue answers a send with: the SQS MessageId and, for FIFO queues, the sequence number. */
record SendOutcome(String sqsMessageId, String sequenceNumber) {
}
