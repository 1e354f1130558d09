package io.msgflow.topology;

import io.msgflow.internal.Check;

/**
 * Where a queue's messages go after too many receives: after {@code maxReceiveCount} receives
 * without acknowledgement, the next receive attempt moves the message to the dead-letter queue.
 */
public record RedrivePolicy(String deadLetterQueue, int maxReceiveCount) {
    public RedrivePolicy {
        Check.matches("deadLetterQueue", deadLetterQueue, QueueSpec.NAME, QueueSpec.NAME_RULE);
        Check.between("maxReceiveCount", maxReceiveCount, 1, 1000);
    }
}
