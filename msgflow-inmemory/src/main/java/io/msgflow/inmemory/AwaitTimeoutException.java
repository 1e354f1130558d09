package io.msgflow.inmemory;

import io.msgflow.MsgflowException;

/** A condition awaited by {@link InMemoryTransport#await} did not hold within the timeout (or the wait was interrupted). */
public class AwaitTimeoutException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    public AwaitTimeoutException(String message) {
        super(message);
    }
}
