package io.msgflow.aws.internal;

import io.msgflow.TransportException;
import io.msgflow.processing.RetryPolicy;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Waits between attempts as {@link RetrySettings} say. Thread-safe. */
public final class Backoff {
    private final RetrySettings settings;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public Backoff(RetrySettings settings, Sleeper sleeper, DoubleSupplier random) {
        this.settings = settings;
        this.policy = settings.policy();
        this.sleeper = sleeper;
        this.random = random;
    }

    public RetrySettings settings() {
        return settings;
    }

    /** The wait after failed attempt {@code attempt}: between half and all of its ceiling. */
    public Duration delayAfter(int attempt) {
        return policy.delayAfter(attempt, random);
    }

    /**
     * Waits after failed attempt {@code attempt}.
     *
     * @throws TransportException when interrupted; the interrupt flag is set again
     */
    public void pauseAfter(int attempt, String resource) {
        try {
            sleeper.sleep(delayAfter(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(resource, "interrupted while waiting to retry", e);
        }
    }
}
