package io.msgflow.transport;

import java.util.Optional;

/**
 * A message the topic accepted: msgflow's id, the id the transport assigned (SNS MessageId) and,
 * for FIFO topics, the sequence number.
 */
public record PublishReceipt(String messageId, String transportMessageId, Optional<String> sequenceNumber) {
}
