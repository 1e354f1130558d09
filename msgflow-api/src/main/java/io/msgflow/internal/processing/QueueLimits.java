package io.msgflow.internal.processing;

import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the queue a batch came from allows: whether it has a dead-letter queue, and how many
 * receives before its redrive policy moves a message. Unknown queues are assumed to have a
 * dead-letter queue and no receive limit (the source then reports a failed move per entry).
 */
public final class QueueLimits {
    private static final QueueLimits UNKNOWN = new QueueLimits(Optional.empty(), true);

    private final Optional<RedrivePolicy> redrive;
    private final boolean hasDeadLetterQueue;

    private QueueLimits(Optional<RedrivePolicy> redrive, boolean hasDeadLetterQueue) {
        this.redrive = redrive;
        this.hasDeadLetterQueue = hasDeadLetterQueue;
    }

    public static QueueLimits of(Optional<QueueSpec> queue) {
        return queue.map(q -> new QueueLimits(q.redrive(), q.redrive().isPresent())).orElse(UNKNOWN);
    }

    public boolean hasDeadLetterQueue() {
        return hasDeadLetterQueue;
    }

    /** The policy's attempts, bounded by the queue's {@code maxReceiveCount}. */
    public int maxAttempts(RetryPolicy policy) {
        return redrive.map(r -> Math.min(r.maxReceiveCount(), policy.maxAttempts())).orElse(policy.maxAttempts());
    }

    /** Says when the queue, not the policy, set the bound. */
    public String attemptsNote(RetryPolicy policy) {
        return redrive.filter(r -> r.maxReceiveCount() < policy.maxAttempts())
                .map(r -> " the queue allows (maxReceiveCount " + r.maxReceiveCount() + ")").orElse("");
    }

    /** A permanent failure: dead-lettered, or retained when the queue has no dead-letter queue. */
    public MessageOutcome deadLetter(ReceivedMessage delivery, Instant at, String reason, RetryPolicy policy) {
        return hasDeadLetterQueue ? MessageOutcome.deadLettered(delivery, at, reason)
                : MessageOutcome.retained(delivery, at, retainFor(delivery, policy), reason);
    }

    /** How long a retained message stays invisible: the retry policy's backoff ceiling for its receive count. */
    public static Duration retainFor(ReceivedMessage delivery, RetryPolicy policy) {
        return policy.ceiling(delivery.receiveCount());
    }
}
