package io.msgflow.stepfunctions;

/**
 * The kinds of {@link HistoryEvent}, named as the Step Functions console and the
 * {@code GetExecutionHistory} API name them. A retry shows as a {@code TaskFailed} (or
 * {@code LambdaFunctionFailed}) whose details say {@code "retry"}, followed by a new
 * {@code TaskScheduled} once the retrier's interval has passed.
 */
public enum HistoryEventType {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted,
    TaskStateEntered, TaskStateExited, TaskStateAborted,
    TaskScheduled, TaskStarted, TaskSucceeded, TaskFailed, TaskTimedOut,
    LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed, LambdaFunctionTimedOut,
    ChoiceStateEntered, ChoiceStateExited,
    PassStateEntered, PassStateExited,
    WaitStateEntered, WaitStateExited, WaitStateAborted,
    SucceedStateEntered, SucceedStateExited,
    FailStateEntered,
    ParallelStateEntered, ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed, ParallelStateAborted, ParallelStateExited,
    MapStateEntered, MapStateStarted, MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted,
    MapStateSucceeded, MapStateFailed, MapStateAborted, MapStateExited
}
