package io.msgflow.transport;

import io.msgflow.Message;

/**
 * A message the topic did not accept, with the transport's error code and reason. {@code retryable}
 * is true for throttling and server errors that persisted after the publisher's own retries;
 * false for a message the transport will never accept as it is.
 */
public record PublishFailure(Message message, String code, String reason, boolean retryable) {
}
