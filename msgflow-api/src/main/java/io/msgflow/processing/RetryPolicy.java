package io.msgflow.processing;

import io.msgflow.internal.Check;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Backoff for failed messages: exponential in the receive count, with jitter drawn per message
 * (so a failed batch does not come back all at once), capped. A message that failed on its
 * {@code maxAttempts}-th receive — or on the queue's {@code maxReceiveCount}-th, when that is lower
 * — is dead-lettered by the processor with its reason rather than left to the queue's redrive, so
 * the reason is kept. Immutable; the jitter is random unless {@linkplain #withJitterSeed seeded}.
 */
public final class RetryPolicy {
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final int maxAttempts;
    private final Jitter jitter;
    private final DoubleSupplier random;

    /** How the delay is spread, so that a failed batch does not come back all at once. */
    public enum Jitter {
        /** Exactly the exponential delay. */
        NONE,
        /** Uniform between 0 and the exponential delay. */
        FULL,
        /** Half the exponential delay plus uniform up to the other half. */
        EQUAL
    }

    private RetryPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.maxAttempts = b.maxAttempts;
        this.jitter = b.jitter;
        this.random = () -> ThreadLocalRandom.current().nextDouble();
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new io.msgflow.InvalidConfigurationException("maxDelay", "`maxDelay` must be at least `initialDelay` ("
                    + io.msgflow.internal.Durations.format(initialDelay) + "), but was " + io.msgflow.internal.Durations.format(maxDelay));
        }
    }

    private RetryPolicy(RetryPolicy base, DoubleSupplier random) {
        this.initialDelay = base.initialDelay;
        this.maxDelay = base.maxDelay;
        this.multiplier = base.multiplier;
        this.maxAttempts = base.maxAttempts;
        this.jitter = base.jitter;
        this.random = random;
    }

    /**
     * A copy whose jitter is drawn from a generator seeded with {@code seed}: the same sequence of
     * failures gets the same delays on every run, for tests. Thread-safe; the draws of concurrent
     * callers interleave in no defined order.
     */
    public RetryPolicy withJitterSeed(long seed) {
        SplittableRandom generator = new SplittableRandom(seed);
        return new RetryPolicy(this, () -> {
            synchronized (generator) {
                return generator.nextDouble();
            }
        });
    }

    /** 1 s, doubling, at most 5 min, equal jitter, 5 attempts. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The visibility delay before the next attempt of a message that failed on receive {@code receiveCount}. */
    public Duration delayAfter(int receiveCount) {
        return delayAfter(receiveCount, random);
    }

    /**
     * The delay after failed attempt {@code attempt}, with the jitter drawn from {@code random}
     * (values in [0, 1)): exact for tests, and shared by every retry loop of msgflow.
     */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        long ceiling = ceiling(attempt).toNanos();
        switch (jitter) {
            case FULL:
                return Duration.ofNanos((long) (random.getAsDouble() * ceiling));
            case EQUAL:
                long half = ceiling / 2;
                return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
            default:
                return Duration.ofNanos(ceiling);
        }
    }

    /** The exponential delay after failed attempt {@code attempt}, before jitter, capped at {@code maxDelay}. */
    public Duration ceiling(int attempt) {
        double exponential = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return exponential >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) exponential);
    }

    /** Whether a message that failed on receive {@code receiveCount} has used up its attempts. */
    public boolean exhausted(int receiveCount) {
        return receiveCount >= maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofMinutes(5);
        private double multiplier = 2.0;
        private int maxAttempts = 5;
        private Jitter jitter = Jitter.EQUAL;

        private Builder() {
        }

        /** 0 s to 12 h. */
        public Builder initialDelay(Duration value) {
            this.initialDelay = Check.between("initialDelay", value, Duration.ZERO, Duration.ofHours(12));
            return this;
        }

        /** 0 s to 12 h, the SQS visibility limit. */
        public Builder maxDelay(Duration value) {
            this.maxDelay = Check.between("maxDelay", value, Duration.ZERO, Duration.ofHours(12));
            return this;
        }

        /** 1 to 10. */
        public Builder multiplier(double value) {
            if (!(value >= 1.0 && value <= 10.0)) {
                throw new io.msgflow.InvalidConfigurationException("multiplier", "`multiplier` must be between 1 and 10, but was " + value);
            }
            this.multiplier = value;
            return this;
        }

        /** 1 to 1000; the queue's maxReceiveCount. */
        public Builder maxAttempts(int value) {
            this.maxAttempts = Check.between("maxAttempts", value, 1, 1000);
            return this;
        }

        public Builder jitter(Jitter value) {
            this.jitter = Check.notNull("jitter", value);
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
