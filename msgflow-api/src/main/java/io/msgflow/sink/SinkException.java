package io.msgflow.sink;

import io.msgflow.MsgflowException;
import java.util.List;

/**
 * A batch write failed as a whole (connection lost, database down, timeout): the transaction was
 * rolled back, nothing of the batch is in the sink, and the whole batch may be retried.
 */
public class SinkException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final List<String> messageIds;

    public SinkException(String message, List<String> messageIds, Throwable cause) {
        super(message, cause);
        this.messageIds = List.copyOf(messageIds);
    }

    /** Ids of the records of the failed batch. */
    public List<String> messageIds() {
        return messageIds;
    }
}
