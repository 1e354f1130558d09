package io.msgflow;

/**
 * A transport call failed as a whole (network, throttling after retries, server error). The
 * operation may be retried; for a receive nothing was consumed, for an acknowledge the messages
 * stay on the queue and come back after their visibility timeout.
 */
public class TransportException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String resource;

    public TransportException(String resource, String message, Throwable cause) {
        super(resource + ": " + message, cause);
        this.resource = resource;
    }

    /** The topic or queue the failed call addressed. */
    public String resource() {
        return resource;
    }
}
