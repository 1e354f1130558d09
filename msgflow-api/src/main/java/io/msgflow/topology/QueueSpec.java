package io.msgflow.topology;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A declared SQS queue: name, visibility timeout, delivery delay, retention, redrive to a
 * dead-letter queue, FIFO. Immutable; every setting is checked against the SQS limits when set.
 */
public final class QueueSpec {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");
    static final String NAME_RULE = "must be 1 to 80 characters of A-Z, a-z, 0-9, hyphen and underscore (FIFO names end in .fifo)";

    private final String name;
    private final Duration visibilityTimeout;
    private final Duration delay;
    private final Duration retention;
    private final RedrivePolicy redrive;
    private final boolean contentBasedDeduplication;

    private QueueSpec(Builder b) {
        this.name = b.name;
        this.visibilityTimeout = b.visibilityTimeout;
        this.delay = b.delay;
        this.retention = b.retention;
        this.redrive = b.redrive;
        this.contentBasedDeduplication = b.contentBasedDeduplication;
        if (contentBasedDeduplication && !isFifo()) {
            throw new InvalidConfigurationException("contentBasedDeduplication",
                    "queue '" + name + "': `contentBasedDeduplication` needs a FIFO queue (name ending in .fifo)");
        }
        if (redrive != null && redrive.deadLetterQueue().endsWith(".fifo") != isFifo()) {
            throw new InvalidConfigurationException("deadLetterQueue", "queue '" + name
                    + "': the dead-letter queue of a " + (isFifo() ? "FIFO" : "standard") + " queue must be "
                    + (isFifo() ? "FIFO" : "standard") + ", but was '" + redrive.deadLetterQueue() + "'");
        }
        if (redrive != null && redrive.deadLetterQueue().equals(name)) {
            throw new InvalidConfigurationException("deadLetterQueue", "queue '" + name + "' cannot be its own dead-letter queue");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A queue with SQS defaults (30 s visibility, no delay, 4 days retention, no DLQ). */
    public static QueueSpec named(String name) {
        return builder(name).build();
    }

    public String name() {
        return name;
    }

    public boolean isFifo() {
        return name.endsWith(".fifo");
    }

    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    public Duration delay() {
        return delay;
    }

    public Duration retention() {
        return retention;
    }

    public Optional<RedrivePolicy> redrive() {
        return Optional.ofNullable(redrive);
    }

    public boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QueueSpec)) {
            return false;
        }
        QueueSpec q = (QueueSpec) o;
        return name.equals(q.name) && visibilityTimeout.equals(q.visibilityTimeout) && delay.equals(q.delay)
                && retention.equals(q.retention) && Objects.equals(redrive, q.redrive)
                && contentBasedDeduplication == q.contentBasedDeduplication;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, visibilityTimeout, delay, retention, redrive, contentBasedDeduplication);
    }

    @Override
    public String toString() {
        return "Queue{" + name + ", visibility=" + visibilityTimeout + ", delay=" + delay + ", retention=" + retention
                + (redrive != null ? ", redrive=" + redrive : "") + (contentBasedDeduplication ? ", contentBasedDeduplication" : "") + "}";
    }

    /** Builds a {@link QueueSpec}; each setter checks its SQS limit. */
    public static final class Builder {
        private final String name;
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration delay = Duration.ZERO;
        private Duration retention = Duration.ofDays(4);
        private RedrivePolicy redrive;
        private boolean contentBasedDeduplication;

        private Builder(String name) {
            this.name = Check.matches("queue name", name, NAME, NAME_RULE);
        }

        /** 0 s to 12 h; default 30 s. */
        public Builder visibilityTimeout(Duration value) {
            this.visibilityTimeout = Check.between("visibilityTimeout", value, Duration.ZERO, Duration.ofHours(12));
            return this;
        }

        /** Delivery delay of new messages, 0 s to 15 min; default 0. */
        public Builder delay(Duration value) {
            this.delay = Check.between("delay", value, Duration.ZERO, Duration.ofMinutes(15));
            return this;
        }

        /** 1 min to 14 d; default 4 d. */
        public Builder retention(Duration value) {
            this.retention = Check.between("retention", value, Duration.ofMinutes(1), Duration.ofDays(14));
            return this;
        }

        /** After {@code maxReceiveCount} receives, move the message to {@code deadLetterQueue}. */
        public Builder deadLetterQueue(String deadLetterQueue, int maxReceiveCount) {
            this.redrive = new RedrivePolicy(deadLetterQueue, maxReceiveCount);
            return this;
        }

        /** FIFO queues only: deduplicate by a SHA-256 of the body when no deduplication id is given. */
        public Builder contentBasedDeduplication(boolean value) {
            this.contentBasedDeduplication = value;
            return this;
        }

        public QueueSpec build() {
            return new QueueSpec(this);
        }
    }
}
