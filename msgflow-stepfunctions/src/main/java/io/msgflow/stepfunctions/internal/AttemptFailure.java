package io.msgflow.stepfunctions.internal;

import io.msgflow.stepfunctions.HistoryEventType;

/** A failed attempt of a Task, Parallel or Map state, with the history event that reports it (recorded once retry or catch is decided). */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient HistoryEventType eventType;
    final StatesFailure failure;

    AttemptFailure(HistoryEventType eventType, StatesFailure failure) {
        super(failure.getMessage(), null, false, false);
        this.eventType = eventType;
        this.failure = failure;
    }
}
