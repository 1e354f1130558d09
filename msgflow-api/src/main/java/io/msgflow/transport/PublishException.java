package io.msgflow.transport;

import io.msgflow.MsgflowException;

/** A single-message publish was refused; carries the failure. */
public class PublishException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final transient PublishFailure failure;

    public PublishException(PublishFailure failure) {
        super("publish of message " + failure.message().id() + " (type " + failure.message().type() + ") failed: "
                + failure.code() + ": " + failure.reason());
        this.failure = failure;
    }

    public PublishFailure failure() {
        return failure;
    }
}
