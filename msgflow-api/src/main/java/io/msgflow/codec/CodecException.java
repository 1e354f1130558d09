package io.msgflow.codec;

import io.msgflow.MsgflowException;

/**
 * A payload could not be encoded, or a body decoded. Permanent: the same body fails the same way
 * on every delivery, so the runtime dead-letters the message at once with this message as reason.
 */
public class CodecException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String messageType;

    public CodecException(String messageType, String message, Throwable cause) {
        super(message, cause);
        this.messageType = messageType;
    }

    /** The message type involved, if known. */
    public String messageType() {
        return messageType;
    }
}
