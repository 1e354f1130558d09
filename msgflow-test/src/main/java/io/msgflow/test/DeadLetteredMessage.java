package io.msgflow.test;

import java.time.Instant;

/**
 * A message the processor moved to a dead-letter queue, typed.
 *
 * @param payload the decoded payload, or {@code null} when the body does not decode (bad input)
 * @param body the body as it was delivered
 * @param queue the queue it was dead-lettered from
 * @param messageId msgflow's id of the message
 * @param reason why it failed for good
 * @param attempts receives it had, the last one included
 * @param at when, on the harness's clock
 * @param <T> the payload type
 */
public record DeadLetteredMessage<T>(T payload, String body, String queue, String messageId, String reason, int attempts, Instant at) {
}
