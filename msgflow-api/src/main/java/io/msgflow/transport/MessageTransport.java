package io.msgflow.transport;

import io.msgflow.topology.Topology;

/**
 * Entry point of one transport (in-memory, AWS, an AWS-compatible emulator): provisions a
 * {@link Topology} and hands out publishers and sources for it. Thread-safe; publishers and
 * sources it returns are thread-safe too and may be shared. Closing the transport closes what
 * it created.
 */
public interface MessageTransport extends AutoCloseable {

    /**
     * Creates the topic, queues, dead-letter queues and subscriptions of {@code topology}, or
     * verifies those that exist. Running it twice changes nothing.
     */
    void provision(Topology topology);

    /** A publisher to the topology's topic. */
    MessagePublisher publisher(Topology topology);

    /**
     * A publisher that sends straight to one queue of the topology, bypassing the topic (SQS
     * {@code SendMessageBatch}): for SQS-only setups, replays and tests. Same contract as a topic
     * publisher; the message arrives raw.
     */
    MessagePublisher queueSender(Topology topology, String queue);

    /** A source reading one queue of the topology (a dead-letter queue too). */
    MessageSource source(Topology topology, String queue);

    /**
     * The dead-letter queue of one queue of the topology: list its messages without consuming them,
     * redrive them back to {@code sourceQueue}.
     *
     * @throws io.msgflow.InvalidConfigurationException when the queue is not declared or declares no
     *         dead-letter queue
     */
    DeadLetterQueue deadLetterQueue(Topology topology, String sourceQueue);

    @Override
    void close();
}
