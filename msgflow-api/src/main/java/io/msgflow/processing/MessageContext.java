package io.msgflow.processing;

import io.msgflow.transport.ReceivedMessage;

/** What a handler knows about the delivery it handles. */
public record MessageContext(ReceivedMessage delivery) {

    public String messageId() {
        return delivery.id();
    }

    public int receiveCount() {
        return delivery.receiveCount();
    }

    public String queue() {
        return delivery.queue();
    }
}
