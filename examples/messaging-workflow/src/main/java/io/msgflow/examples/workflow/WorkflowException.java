package io.msgflow.examples.workflow;

import io.msgflow.MsgflowException;

/** A run of the workflow failed: a queue did not deliver what was published to it, or a lane stopped. */
public class WorkflowException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String queue;

    public WorkflowException(String queue, String message) {
        super("queue '" + queue + "': " + message);
        this.queue = queue;
    }

    public WorkflowException(String queue, String message, Throwable cause) {
        super("queue '" + queue + "': " + message, cause);
        this.queue = queue;
    }

    /** The queue whose lane failed. */
    public String queue() {
        return queue;
    }
}
