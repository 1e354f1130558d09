package io.msgflow.inmemory.internal;

import io.msgflow.WireFormat;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.internal.Deliveries.SqsDelivery;
import io.msgflow.transport.ReceivedMessage;
import java.util.Optional;

/**
 * Turns stored messages into what consumers see, through the conversion every transport shares
 * ({@link io.msgflow.internal.Deliveries}): envelope unwrapped, logical id, type, problem.
 */
final class Deliveries {
    private Deliveries() {
    }

    static ReceivedMessage received(String queue, WireFormat wireFormat, Taken t) {
        return convert(queue, wireFormat, t.message(), t.receiptHandle(), t.receiveCount());
    }

    static QueuedMessage queued(String queue, WireFormat wireFormat, QueueEntry e) {
        StoredMessage m = e.message;
        ReceivedMessage view = convert(queue, wireFormat, m, "", e.receiveCount);
        return new QueuedMessage(queue, view.id(), m.sqsMessageId(), view.type(), view.body(), view.attributes(), view.groupId(),
                e.receiveCount, m.sentAt(), state(e.state), m.sqsBody(), m.sqsAttributes());
    }

    private static ReceivedMessage convert(String queue, WireFormat wireFormat, StoredMessage m, String receiptHandle, int receiveCount) {
        return io.msgflow.internal.Deliveries.toReceived(new SqsDelivery(queue, m.sqsMessageId(), receiptHandle, receiveCount,
                m.sentAt(), m.sqsBody(), m.sqsAttributes(), Optional.ofNullable(m.groupId())).unwrapped(m.unwrapping()), wireFormat);
    }

    private static QueuedMessage.State state(EntryState state) {
        switch (state) {
            case DELAYED:
                return QueuedMessage.State.DELAYED;
            case IN_FLIGHT:
                return QueuedMessage.State.IN_FLIGHT;
            default:
                return QueuedMessage.State.VISIBLE;
        }
    }
}
