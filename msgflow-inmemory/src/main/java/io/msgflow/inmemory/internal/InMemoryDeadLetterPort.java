package io.msgflow.inmemory.internal;

import io.msgflow.internal.Deliveries.Unwrapping;
import java.util.Map;

import io.msgflow.internal.redrive.DeadLetterPort;
import io.msgflow.internal.redrive.HeldMessage;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated queue operations behind an in-memory dead-letter queue: receive with a hold, and
 * SQS SendMessageBatch of the message as held to the source queue.
 */
final class InMemoryDeadLetterPort implements DeadLetterPort {
    private final Broker broker;
    private final String sourceQueue;
    private final QueueSource deadLetters;
    private final Unwrapping sourceUnwrapping;

    /**
     * @param sourceUnwrapping how the source queue's consumers read a copy sent back to it: as an AWS
     *     consumer does, by the queue's routes, so a redriven SNS envelope is unwrapped again
     */
    InMemoryDeadLetterPort(Broker broker, QueueSource deadLetters, String sourceQueue, Unwrapping sourceUnwrapping) {
        this.broker = broker;
        this.deadLetters = deadLetters;
        this.sourceQueue = sourceQueue;
        this.sourceUnwrapping = sourceUnwrapping;
    }

    @Override
    public MessageSource deadLetters() {
        return deadLetters;
    }

    @Override
    public String sourceQueue() {
        return sourceQueue;
    }

    @Override
    public List<HeldMessage> receive(int max, Duration hold) {
        List<Taken> taken = deadLetters.receiveTaken(max, Duration.ZERO);
        List<HeldMessage> held = new ArrayList<>(taken.size());
        List<String> handles = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            held.add(new HeldMessage(Deliveries.received(deadLetters.queue(), deadLetters.wireFormat(), t), t.message().sqsBody(),
                    t.message().sqsAttributes()));
            handles.add(t.receiptHandle());
        }
        if (!handles.isEmpty()) {
            broker.queue(deadLetters.queue()).changeVisibility(handles, hold);
        }
        return held;
    }

    @Override
    public OperationResult sendToSource(List<HeldMessage> messages) {
        QueueState source = broker.queue(sourceQueue);
        List<Pending> copies = new ArrayList<>(messages.size());
        for (HeldMessage m : messages) {
            StoredMessage copy = new StoredMessage(Ids.uuid(), m.sqsBody(), Map.copyOf(m.redriveAttributes()),
                    m.delivery().groupId().orElse(null), broker.clock().instant(), sourceUnwrapping);
            copies.add(new Pending(copy, m.delivery().transportMessageId()));
        }
        source.send(copies);
        return new OperationResult(messages.stream().map(HeldMessage::delivery).toList(), List.of());
    }
}
