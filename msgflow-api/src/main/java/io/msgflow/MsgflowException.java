package io.msgflow;

/**
 * Root of every exception msgflow throws. Unchecked: callers decide where to handle failures.
 * Subclasses carry the context needed to act on the failure (resource, rule, value, message ids).
 */
public class MsgflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MsgflowException(String message) {
        super(message);
    }

    public MsgflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
