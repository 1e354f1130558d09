package io.msgflow.transport;

import java.util.Objects;

/** A delivery to move to the queue's dead-letter queue at once, with the reason it failed for good. */
public record DeadLetter(ReceivedMessage message, String reason) {
    public DeadLetter {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }
}
