package io.msgflow.codec;

import java.util.Set;

/** A message type with no registered Java type. Permanent. */
public class UnknownMessageTypeException extends CodecException {
    private static final long serialVersionUID = 1L;

    public UnknownMessageTypeException(String messageType, Set<String> known) {
        super(messageType, "unknown message type '" + messageType + "'; registered types: " + known, null);
    }
}
