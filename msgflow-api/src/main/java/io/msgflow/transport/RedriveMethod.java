package io.msgflow.transport;

/** How {@link DeadLetterQueue#redrive} moves messages. */
public enum RedriveMethod {
    /**
     * {@link #MOVE_TASK} when every message goes back and the peer supports it, else
     * {@link #RECEIVE_SEND_DELETE}.
     */
    AUTO,
    /**
     * SQS {@code StartMessageMoveTask}: SQS moves all messages itself, at the given rate, as they are
     * (dead-letter metadata attributes included). Asynchronous: the redrive returns when the task
     * started. Only for all messages, without a limit, on peers that support it.
     */
    MOVE_TASK,
    /** Receive from the dead-letter queue, send to the source queue, then delete; any filter and limit. */
    RECEIVE_SEND_DELETE
}
