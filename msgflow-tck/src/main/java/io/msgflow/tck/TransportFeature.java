package io.msgflow.tck;

/**
 * Optional capabilities of a transport. A {@link TransportCompatibilityKit} test that needs a
 * feature the transport does not declare in {@link TransportCompatibilityKit#features()} is
 * skipped (not failed), and the skip message names the feature.
 *
 * <p>Everything else — queues, visibility, acknowledgement, receive limits, batch and message
 * validation, {@link io.msgflow.transport.MessageTransport#queueSender queue senders},
 * {@link io.msgflow.transport.MessageSource#deadLetter dead-lettering} on a queue with a
 * dead-letter queue — every transport must support.
 */
public enum TransportFeature {
    /**
     * SNS topics: {@code publisher(topology)}, subscriptions from the topology's routes and
     * attribute-scope filter policies. Without it the kit declares no routes, publishes through
     * {@code queueSender} and expects {@code provision} to create only the queues (an SQS-only
     * peer such as ElasticMQ).
     */
    TOPICS("SNS topics with subscriptions and attribute filter policies"),
    /** Filter policies with {@code FilterPolicyScope=MessageBody}. Needs {@link #TOPICS}. */
    MESSAGE_BODY_SCOPE("filter policies on the message body"),
    /** Subscriptions without raw delivery: the SNS JSON envelope, unwrapped by the source. Needs {@link #TOPICS}. */
    ENVELOPE_DELIVERY("SNS envelope delivery unwrapped by the source"),
    /** FIFO topics and queues: message groups, ordering, deduplication, sequence numbers. */
    FIFO("FIFO topics and queues"),
    /** The queue moves a message to its dead-letter queue by itself after {@code maxReceiveCount} receives. */
    DEAD_LETTER_REDRIVE("redrive to the dead-letter queue after maxReceiveCount"),
    /** A queue delivery delay hides new messages for the queue's delay. */
    DELAY("queue delivery delay");

    private final String description;

    TransportFeature(String description) {
        this.description = description;
    }

    /** What the feature covers, in words, as the skip message shows it. */
    public String description() {
        return description;
    }
}
