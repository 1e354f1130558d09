package io.msgflow.processing;

/**
 * What to do with a queue that has no dead-letter queue, given that any processor may have to
 * dead-letter (an undecodable body, an unknown type, a {@link PermanentFailureException}).
 */
public enum MissingDeadLetterQueue {
    /**
     * Run, and keep a message that failed for good on the queue as {@link MessageOutcome.Kind#RETAINED}:
     * an ERROR log and a {@link ProcessingListener#retained} event per message. The default.
     */
    RETAIN,
    /** Refuse to start: building a consumer, or the first batch of a Lambda handler, throws {@link io.msgflow.InvalidConfigurationException}. */
    FAIL_AT_START
}
