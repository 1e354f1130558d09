package io.msgflow.inmemory.internal;

import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.internal.Batches;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sends straight to an emulated SQS queue, raw (SQS SendMessage and SendMessageBatch). Thread-safe. */
final class QueueSender implements MessagePublisher {
    private final Broker broker;
    private final String queue;
    private final WireFormat wireFormat;

    QueueSender(Broker broker, Topology topology, String queue) {
        this.broker = broker;
        this.queue = topology.requireQueue(queue).name();
        this.wireFormat = topology.wireFormat();
    }

    @Override
    public PublishReceipt publish(Message message) {
        QueueState q = broker.queue(queue);
        return send(q, prepare(q, List.of(message))).get(0);
    }

    @Override
    public PublishResult publishBatch(List<Message> messages) {
        QueueState q = broker.queue(queue);
        List<Prepared> prepared = prepare(q, messages);
        Batches.checkBatch("batch to queue '" + queue + "'", prepared, Prepared::size);
        return new PublishResult(send(q, prepared), List.of());
    }

    private List<Prepared> prepare(QueueState q, List<Message> messages) {
        List<Prepared> prepared = Prepared.all(wireFormat, messages);
        for (Message m : messages) {
            PublishChecks.forQueue(queue, q.spec().isFifo(), q.spec().contentBasedDeduplication(), m);
        }
        return prepared;
    }

    private List<PublishReceipt> send(QueueState q, List<Prepared> prepared) {
        Instant now = broker.clock().instant();
        List<Pending> pending = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            Message m = p.message();
            pending.add(new Pending(StoredMessage.of(m.body(), p.wireAttributes(), m.groupId().orElse(null), now),
                    q.spec().isFifo() ? PublishChecks.deduplicationId(m) : null));
        }
        List<SendOutcome> outcomes = q.send(pending);
        List<PublishReceipt> receipts = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            SendOutcome o = outcomes.get(i);
            String id = wireFormat.idOf(o.message().sqsAttributes()).orElse(prepared.get(i).message().id());
            receipts.add(new PublishReceipt(id, o.sqsMessageId(), Optional.ofNullable(o.sequenceNumber())));
        }
        return receipts;
    }

    @Override
    public int sizeInBytes(Message message) {
        return wireFormat.validate(message);
    }
}
