package io.msgflow.processing;

import io.msgflow.MsgflowException;

/** Thrown by a handler for a message that no retry can fix: it is dead-lettered at once with this reason. */
public class PermanentFailureException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    public PermanentFailureException(String reason) {
        super(reason);
    }

    public PermanentFailureException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
