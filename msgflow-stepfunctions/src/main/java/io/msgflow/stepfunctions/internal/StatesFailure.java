package io.msgflow.stepfunctions.internal;

/** A state failed with an ASL error name and cause; caught by Retry and Catch as the rules say. */
public final class StatesFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;

    public StatesFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
