package io.msgflow.aws.internal;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK retry strategy of the clients msgflow builds: whole calls retried on the same terms as
 * batch entries (throttling including KMS throttling, 5xx, no answer), with the same bounded
 * exponential backoff and jitter; no retry-quota circuit breaker, so the bound is the attempt count.
 */
public final class RetryStrategies {
    private RetryStrategies() {
    }

    public static RetryStrategy of(RetrySettings settings) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(settings.baseDelay(), settings.maxDelay());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .retryOnException(t -> t instanceof SdkException && AwsErrors.isRetryable((SdkException) t))
                .build();
    }
}
