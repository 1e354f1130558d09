package io.msgflow.inmemory.internal;

import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.internal.Batches;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.util.List;

/** Publishes to an emulated SNS topic (SNS Publish and PublishBatch). Thread-safe. */
final class TopicPublisher implements MessagePublisher {
    private final Broker broker;
    private final Topology topology;
    private final WireFormat wireFormat;

    TopicPublisher(Broker broker, Topology topology) {
        this.broker = broker;
        this.topology = topology;
        this.wireFormat = topology.wireFormat();
    }

    @Override
    public PublishReceipt publish(Message message) {
        return broker.topic(topology.topic()).publish(prepare(List.of(message))).get(0);
    }

    @Override
    public PublishResult publishBatch(List<Message> messages) {
        List<Prepared> prepared = prepare(messages);
        Batches.checkBatch("batch to topic '" + topology.topic() + "'", prepared, Prepared::size);
        return new PublishResult(broker.topic(topology.topic()).publish(prepared), List.of());
    }

    private List<Prepared> prepare(List<Message> messages) {
        List<Prepared> prepared = Prepared.all(wireFormat, messages);
        for (Message m : messages) {
            PublishChecks.forTopic(topology.topic(), topology.isFifo(), topology.contentBasedDeduplication(), m);
        }
        return prepared;
    }

    @Override
    public int sizeInBytes(Message message) {
        return wireFormat.validate(message);
    }
}
