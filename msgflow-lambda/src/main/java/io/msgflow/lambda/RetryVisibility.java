package io.msgflow.lambda;

/** When a message that an {@link SqsBatchHandler} reports in {@code batchItemFailures} comes back. */
public enum RetryVisibility {
    /**
     * After the processor's {@link io.msgflow.processing.RetryPolicy} delay: the handler sets each
     * retried message's visibility to its backoff delay (one {@code ChangeMessageVisibilityBatch}
     * per delay) before returning. The default.
     */
    BACKOFF,
    /** After the rest of the queue's visibility timeout, as Lambda leaves it; no extra call. */
    QUEUE_TIMEOUT
}
