package io.msgflow.inmemory.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.MessageValidationException;
import io.msgflow.WireFormat;
import io.msgflow.internal.Batches;
import io.msgflow.internal.Check;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads an emulated SQS queue. Thread-safe; any number of threads may receive at once. */
final class QueueSource implements MessageSource {
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final Broker broker;
    private final String queue;
    private final WireFormat wireFormat;
    private final Optional<QueueSpec> declaration;

    QueueSource(Broker broker, Topology topology, String queue) {
        this.broker = broker;
        this.queue = topology.requireQueue(queue).name();
        this.wireFormat = topology.wireFormat();
        this.declaration = topology.queue(queue);
    }

    @Override
    public Optional<QueueSpec> declaration() {
        return declaration;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
        List<Taken> taken = receiveTaken(maxMessages, wait);
        List<ReceivedMessage> received = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            received.add(Deliveries.received(queue, wireFormat, t));
        }
        return received;
    }

    /** A receive that hands out the messages as the queue holds them. */
    List<Taken> receiveTaken(int maxMessages, Duration wait) {
        Check.between("maxMessages", maxMessages, 1, 10);
        Check.between("wait", wait, Duration.ZERO, MAX_WAIT);
        QueueState q = broker.queue(queue);
        long clockDeadline = broker.clock().millis() + wait.toMillis();
        long realDeadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ReceiveBatch batch = q.receive(maxMessages, clockDeadline, realDeadline, broker.realTimeBound());
            if (!batch.moved().isEmpty()) {
                q.deadLetterQueue().acceptMoved(batch.moved());
            }
            if (!batch.taken().isEmpty() || batch.moved().isEmpty()) {
                return batch.taken();
            }
        }
    }

    WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
        return onDeliveries("acknowledge", messages, m -> m, broker.queue(queue)::acknowledge);
    }

    @Override
    public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
        Check.between("visibilityTimeout", timeout, Duration.ZERO, MAX_VISIBILITY);
        QueueState q = broker.queue(queue);
        return onDeliveries("changeVisibility", messages, m -> m, handles -> q.changeVisibility(handles, timeout));
    }

    @Override
    public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
        QueueState q = broker.queue(queue);
        QueueState dlq = q.deadLetterQueue();
        if (dlq == null) {
            throw new InvalidConfigurationException("deadLetterQueue", "queue '" + queue
                    + "' has no dead-letter queue (its QueueSpec has no redrive policy), so " + deadLetters.size()
                    + " message(s) cannot be dead-lettered");
        }
        for (DeadLetter d : deadLetters) {
            if (d.reason().isBlank()) {
                throw new MessageValidationException("dead letter of message " + d.message().id() + " on queue '" + queue + "'",
                        "the reason must not be blank", "'" + d.reason() + "'");
            }
        }
        List<DeadLetter> all = List.copyOf(deadLetters);
        return onDeliveries("deadLetter", all, DeadLetter::message, handles -> {
            List<Outcome> outcomes = q.removeForDeadLetter(handles);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i).succeeded()) {
                    sendCopy(dlq, outcomes.get(i).message(), deadLetterFor(all, handles.get(i)));
                }
            }
            return outcomes;
        });
    }

    private void sendCopy(QueueState dlq, StoredMessage original, DeadLetter deadLetter) {
        StoredMessage copy = DeadLetterCopy.of(original, deadLetter, wireFormat, broker.clock().instant());
        dlq.send(List.of(new Pending(copy, copy.sqsMessageId())));
    }

    private static DeadLetter deadLetterFor(List<DeadLetter> all, String handle) {
        for (DeadLetter d : all) {
            if (d.message().receiptHandle().equals(handle)) {
                return d;
            }
        }
        throw new IllegalStateException("no dead letter with receipt handle " + handle);
    }

    /**
     * Runs a batch operation on deliveries: at most 10, each with its own outcome, in order.
     * Deliveries from another queue fail without reaching the queue.
     */
    private <T> OperationResult onDeliveries(String operation, Collection<T> items, Function<T, ReceivedMessage> delivery,
                                             Function<List<String>, List<Outcome>> action) {
        if (items.isEmpty()) {
            return OperationResult.empty();
        }
        List<ReceivedMessage> messages = new ArrayList<>(items.size());
        items.forEach(item -> messages.add(delivery.apply(item)));
        Batches.checkBatch(operation + " on queue '" + queue + "'", messages, m -> 0);
        List<ReceivedMessage> own = new ArrayList<>(messages.size());
        List<EntryFailure> failed = new ArrayList<>(0);
        for (ReceivedMessage m : messages) {
            if (m.queue().equals(queue)) {
                own.add(m);
            } else {
                failed.add(new EntryFailure(m, Outcome.RECEIPT_HANDLE_IS_INVALID, "queue '" + queue + "': the delivery of message "
                        + m.id() + " came from queue '" + m.queue() + "'; use a source of that queue"));
            }
        }
        List<ReceivedMessage> succeeded = new ArrayList<>(own.size());
        if (!own.isEmpty()) {
            List<String> handles = new ArrayList<>(own.size());
            own.forEach(m -> handles.add(m.receiptHandle()));
            List<Outcome> outcomes = action.apply(handles);
            for (int i = 0; i < own.size(); i++) {
                Outcome o = outcomes.get(i);
                if (o.succeeded()) {
                    succeeded.add(own.get(i));
                } else {
                    failed.add(new EntryFailure(own.get(i), o.code(), o.reason()));
                }
            }
        }
        return new OperationResult(succeeded, failed);
    }
}
