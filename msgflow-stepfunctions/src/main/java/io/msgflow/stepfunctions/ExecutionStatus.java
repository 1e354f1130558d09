package io.msgflow.stepfunctions;

/** How an execution ended, as the Step Functions console shows it. */
public enum ExecutionStatus {
    /** A Succeed state or an End state was reached. */
    SUCCEEDED,
    /** A state failed and nothing caught the error, or a Fail state was reached. */
    FAILED,
    /** The definition's {@code TimeoutSeconds} passed. */
    TIMED_OUT,
    /** The caller's thread was interrupted. */
    ABORTED
}
