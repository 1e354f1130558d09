package io.msgflow.lambda;

/**
 * What an {@link SqsBatchHandler} does with the rest of a FIFO batch once one of its messages fails
 * (retried or dead-lettered). Standard queues are not affected: there every message has its own
 * outcome.
 */
public enum FifoFailureMode {
    /**
     * As the AWS Lambda documentation asks for FIFO queues with {@code ReportBatchItemFailures}:
     * "your function should stop processing messages after the first failure and return all failed
     * and unprocessed messages in batchItemFailures". No message after the first failure runs, in
     * any message group; all of them are reported. The default.
     */
    STOP_AT_FIRST_FAILURE,
    /**
     * Only the failed message's group stops: its later messages are reported without running,
     * while the other groups of the batch go on. Keeps order within each group (all SQS FIFO
     * promises) and wastes less work, but goes beyond what the Lambda documentation describes.
     */
    RELEASE_FAILED_GROUP
}
