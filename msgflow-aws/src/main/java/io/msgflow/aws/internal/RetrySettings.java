package io.msgflow.aws.internal;

import io.msgflow.internal.Check;
import io.msgflow.processing.RetryPolicy;
import java.time.Duration;

/**
 * Bounded exponential backoff with jitter: attempt {@code n} (1-based) that failed waits a random
 * time between half and all of {@code min(maxDelay, baseDelay * 2^(n-1))} before attempt {@code n+1}.
 *
 * @param maxAttempts attempts in all, the first included (1 to 10)
 */
public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public static final RetrySettings DEFAULTS = new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetrySettings {
        Check.between("maxAttempts", maxAttempts, 1, 10);
        Check.between("retryBaseDelay", baseDelay, Duration.ofMillis(1), Duration.ofSeconds(10));
        Check.between("retryMaxDelay", maxDelay, baseDelay, Duration.ofMinutes(1));
    }

    /** The same backoff as every retry loop of msgflow: doubling, equal jitter, capped. */
    public RetryPolicy policy() {
        return RetryPolicy.builder().initialDelay(baseDelay).maxDelay(maxDelay).multiplier(2).maxAttempts(maxAttempts)
                .jitter(RetryPolicy.Jitter.EQUAL).build();
    }

    /** The ceiling of the wait after failed attempt {@code attempt}. */
    public Duration ceiling(int attempt) {
        return policy().ceiling(attempt);
    }
}
