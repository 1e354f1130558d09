package io.msgflow.transport;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Durations;
import java.time.Duration;

/** What {@link DeadLetterQueue#redrive} moves and how fast. Immutable; built with {@link #builder()}. */
public final class RedriveOptions {
    /** The most a redrive moves when no limit is set, so that one call is bounded. */
    public static final int MAX_MESSAGES = 1_000_000;
    /** The highest rate, as SQS move tasks allow it. */
    public static final int MAX_RATE = 500;

    private final DeadLetterFilter filter;
    private final int maxMessages;
    private final int messagesPerSecond;
    private final RedriveMethod method;
    private final Duration hold;

    private RedriveOptions(Builder b) {
        this.filter = b.filter;
        this.maxMessages = b.maxMessages;
        this.messagesPerSecond = b.messagesPerSecond;
        this.method = b.method;
        this.hold = b.hold;
        if (method == RedriveMethod.MOVE_TASK && !isEverything()) {
            throw new InvalidConfigurationException("method", "`method` MOVE_TASK moves every message, but the redrive is limited to "
                    + (filter.isAll() ? maxMessages + " message(s)" : filter) + "; use RECEIVE_SEND_DELETE or AUTO");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every message, at 50 per second. */
    public static RedriveOptions all() {
        return builder().build();
    }

    public DeadLetterFilter filter() {
        return filter;
    }

    public int maxMessages() {
        return maxMessages;
    }

    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    public RedriveMethod method() {
        return method;
    }

    /** How long a received message stays invisible on the dead-letter queue while it is moved. */
    public Duration hold() {
        return hold;
    }

    /** Whether the redrive selects every message without a limit (what a move task can do). */
    public boolean isEverything() {
        return filter.isAll() && maxMessages == MAX_MESSAGES;
    }

    @Override
    public String toString() {
        return "RedriveOptions{" + filter + ", max " + maxMessages + ", " + messagesPerSecond + "/s, " + method + ", hold "
                + Durations.format(hold) + "}";
    }

    /** Builds {@link RedriveOptions}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private DeadLetterFilter filter = DeadLetterFilter.all();
        private int maxMessages = MAX_MESSAGES;
        private int messagesPerSecond = 50;
        private RedriveMethod method = RedriveMethod.AUTO;
        private Duration hold = Duration.ofMinutes(2);

        private Builder() {
        }

        /** Which messages; default all. */
        public Builder filter(DeadLetterFilter value) {
            this.filter = Check.notNull("filter", value);
            return this;
        }

        /** The most to move, 1 to {@value RedriveOptions#MAX_MESSAGES}; default that maximum. */
        public Builder maxMessages(int value) {
            this.maxMessages = Check.between("maxMessages", value, 1, MAX_MESSAGES);
            return this;
        }

        /** The rate, 1 to {@value RedriveOptions#MAX_RATE} messages per second; default 50. */
        public Builder messagesPerSecond(int value) {
            this.messagesPerSecond = Check.between("messagesPerSecond", value, 1, MAX_RATE);
            return this;
        }

        /** How to move them; default {@link RedriveMethod#AUTO}. */
        public Builder method(RedriveMethod value) {
            this.method = Check.notNull("method", value);
            return this;
        }

        /**
         * How long a message received from the dead-letter queue stays invisible there while it is
         * moved ({@link RedriveMethod#RECEIVE_SEND_DELETE}), 1 s to 12 h; default 2 min. Messages the
         * filter does not select are held as long, then handed back.
         */
        public Builder hold(Duration value) {
            this.hold = Check.between("hold", value, Duration.ofSeconds(1), Duration.ofHours(12));
            return this;
        }

        /** @throws InvalidConfigurationException when {@link RedriveMethod#MOVE_TASK} is asked for a filtered or limited redrive */
        public RedriveOptions build() {
            return new RedriveOptions(this);
        }
    }
}
