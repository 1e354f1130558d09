package io.msgflow.transport;

import java.util.Optional;

/**
 * A message the topic accepted: msgflow's id, the id the transport assigned (SNS MessageId) and,
 * for FIFO topics, the sequence number. A FIFO publish deduplicated against an earlier one is
 * accepted but delivers nothing: SNS and SQS answer with the original's MessageId and sequence
 * number, and the in-memory transport also with the original's msgflow id, the one its queues
 * hold (AWS cannot tell msgflow's id of the original, so there it is the repeat's).
 */
public record PublishReceipt(String messageId, String transportMessageId, Optional<String> sequenceNumber) {
}
