package io.msgflow.test;

import io.msgflow.Message;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.time.Clock;
import java.util.List;

/** A publisher that records every message its delegate accepted. */
final class RecordingPublisher implements MessagePublisher {
    private final MessagePublisher delegate;
    private final String destination;
    private final TrafficLog log;
    private final Clock clock;

    RecordingPublisher(MessagePublisher delegate, String destination, TrafficLog log, Clock clock) {
        this.delegate = delegate;
        this.destination = destination;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public PublishReceipt publish(Message message) {
        return log.whileHolding(() -> {
            PublishReceipt receipt = delegate.publish(message);
            log.add(new TrafficEvent.Published(clock.instant(), destination, message, receipt));
            return receipt;
        });
    }

    @Override
    public PublishResult publishBatch(List<Message> messages) {
        return log.whileHolding(() -> record(messages, delegate.publishBatch(messages)));
    }

    private PublishResult record(List<Message> messages, PublishResult result) {
        List<PublishReceipt> accepted = result.successful();
        for (int i = 0; i < accepted.size(); i++) {
            Message m = accepted.size() == messages.size() ? messages.get(i) : byId(messages, accepted.get(i).messageId());
            if (m != null) {
                log.add(new TrafficEvent.Published(clock.instant(), destination, m, accepted.get(i)));
            }
        }
        return result;
    }

    @Override
    public int sizeInBytes(Message message) {
        return delegate.sizeInBytes(message);
    }

    @Override
    public String toString() {
        return "recording " + delegate;
    }

    private static Message byId(List<Message> messages, String id) {
        for (Message m : messages) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }
}
