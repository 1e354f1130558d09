package io.msgflow.inmemory;

import io.msgflow.ResourceNotFoundException;
import io.msgflow.inmemory.internal.Broker;
import io.msgflow.internal.Check;
import io.msgflow.internal.Durations;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * SNS and SQS in the JVM, for tests and local runs: the same {@link MessageTransport} contract as
 * the AWS transport, on an injected {@link Clock}.
 *
 * <p><b>Topics</b> fan a message out to every subscribed queue whose route's filter policy
 * matches it, raw or wrapped in the SNS JSON envelope (then the SQS message has no attributes and
 * sources unwrap the envelope, as on AWS). FIFO topics deduplicate for five minutes and stamp
 * sequence numbers. <b>Queues</b> have SQS semantics: visibility timeout, receive count, delivery
 * delay, retention, redrive to the dead-letter queue on the receive attempt after
 * {@code maxReceiveCount} receives, FIFO message groups (a group is held back while one of its
 * messages is in flight; one receive returns as many messages of a group as it can, in order) and
 * FIFO deduplication. <b>Receipt handles</b> work only while their delivery is in flight:
 * acknowledging or changing visibility with a handle whose visibility timeout lapsed, or whose
 * message was received again since, fails for that entry with {@code ReceiptHandleIsInvalid}.
 *
 * <p><b>Time:</b> every deadline reads the clock; with a {@link TestClock}, moving the clock
 * wakes long polls at once. How an empty long poll ends is set by {@link LongPollWait}.
 * <b>Validation</b> happens before anything is enqueued: a batch with one invalid message
 * enqueues nothing. <b>Threading:</b> thread-safe; each queue has its own lock and no operation
 * locks more than one queue; standard topics publish without locking. {@link #source} and
 * {@link #queueSender} refuse at once a queue the topology does not declare (a mistyped name);
 * publishers and sources look their topic or queue up on each call: one created before
 * {@link #provision} works once it ran, and calls on a missing one throw
 * {@link ResourceNotFoundException}.
 *
 * <pre>{@code
 * TestClock clock = TestClock.create();
 * try (InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build()) {
 *     transport.provision(topology);
 *     transport.publisher(topology).publish(Message.of("notification", "{}"));
 *     transport.awaitDepth("notifications", 1, Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class InMemoryTransport implements MessageTransport {
    private final Broker broker;
    private final Runnable unsubscribeClock;

    private InMemoryTransport(Builder b) {
        this.broker = new Broker(b.clock, b.region, b.accountId, b.longPollWait == LongPollWait.CLOCK_OR_REAL_TIME);
        this.unsubscribeClock = b.clock instanceof TestClock ? ((TestClock) b.clock).onMove(broker::onTimeChanged) : () -> { };
    }

    /** A transport on the system clock with the default options. */
    public static InMemoryTransport create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the topology's topic, queues and subscriptions; verifies those that exist (conflicting attributes fail). */
    @Override
    public void provision(Topology topology) {
        broker.provision(topology);
    }

    @Override
    public MessagePublisher publisher(Topology topology) {
        return broker.publisher(topology);
    }

    @Override
    public MessagePublisher queueSender(Topology topology, String queue) {
        return broker.queueSender(topology, queue);
    }

    @Override
    public MessageSource source(Topology topology, String queue) {
        return broker.source(topology, queue);
    }

    /**
     * Lists and redrives the dead-letter queue of {@code sourceQueue} by receive, send and delete
     * ({@link io.msgflow.transport.RedriveMethod#MOVE_TASK} is refused: SQS move tasks are AWS's).
     * A redrive's rate is paced in real time, whatever the clock.
     */
    @Override
    public DeadLetterQueue deadLetterQueue(Topology topology, String sourceQueue) {
        return broker.deadLetterQueue(topology, sourceQueue);
    }

    /** The clock every deadline reads. */
    public Clock clock() {
        return broker.clock();
    }

    /** The ARN the topic has (and that envelopes carry), e.g. {@code arn:aws:sns:us-east-1:000000000000:events}. */
    public String topicArn(String topic) {
        return broker.topicArn(topic);
    }

    /** Messages of the queue by state, after every deadline up to now was applied. */
    public QueueStats stats(String queue) {
        return broker.stats(queue);
    }

    /**
     * Messages a receive could take now: visible and, on a FIFO queue, not held back by a message
     * of their group in flight (see {@link QueueStats#receivable()}).
     */
    public int queueDepth(String queue) {
        return stats(queue).receivable();
    }

    /** Messages received and not yet acknowledged or back. */
    public int inFlight(String queue) {
        return stats(queue).inFlight();
    }

    /** Messages waiting for the queue's delivery delay. */
    public int delayed(String queue) {
        return stats(queue).delayed();
    }

    /**
     * When the next message of the queue changes state by the clock alone: the earliest pending
     * end of a delivery delay or of a visibility timeout (a retry delay is one). Empty when no
     * such deadline is pending. Retention is not counted. A test harness moves a
     * {@link TestClock} there to run the queue until nothing is pending.
     */
    public Optional<Instant> nextDeadline(String queue) {
        OptionalLong millis = broker.nextDeadline(queue);
        return millis.isPresent() ? Optional.of(Instant.ofEpochMilli(millis.getAsLong())) : Optional.empty();
    }

    /** Every message on the queue in arrival order, seen without receiving it; O(messages on the queue). */
    public List<QueuedMessage> messages(String queue) {
        return broker.messages(queue);
    }

    /** Deletes every message of the queue, in flight or not; their receipt handles stop working. */
    public int purge(String queue) {
        return broker.purge(queue);
    }

    /**
     * Waits, in real time, until {@code condition} holds; re-checks whenever a queue changes and
     * at least every 5 ms, so it suits conditions on a sink or a consumer too.
     *
     * @throws AwaitTimeoutException when it did not hold within {@code timeout} or the thread was
     *                               interrupted (the interrupt flag is then set again)
     */
    public void await(Duration timeout, BooleanSupplier condition) {
        if (!broker.await(timeout, condition)) {
            throw new AwaitTimeoutException((Thread.currentThread().isInterrupted() ? "interrupted within " : "not within ")
                    + Durations.format(timeout) + ": the awaited condition did not hold");
        }
    }

    /**
     * Waits, in real time, until exactly {@code depth} messages of the queue are receivable
     * ({@link #queueDepth}).
     *
     * @throws AwaitTimeoutException naming the queue and its counts when that did not happen in time
     */
    public void awaitDepth(String queue, int depth, Duration timeout) {
        if (!broker.await(timeout, () -> queueDepth(queue) == depth)) {
            throw new AwaitTimeoutException("queue '" + queue + "': expected " + depth + " visible message(s) within "
                    + Durations.format(timeout) + ", but found " + stats(queue));
        }
    }

    /** Drops every topic, queue and message and wakes blocked receives, which return empty; later calls fail. */
    @Override
    public void close() {
        unsubscribeClock.run();
        broker.close();
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + broker.clock() + "]";
    }

    /** Options of an {@link InMemoryTransport}; each setter checks its value. */
    public static final class Builder {
        private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
        private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

        private Clock clock = Clock.systemUTC();
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private LongPollWait longPollWait = LongPollWait.CLOCK_OR_REAL_TIME;

        private Builder() {
        }

        /** The clock every deadline reads; default the system clock. A {@link TestClock} also wakes long polls when moved. */
        public Builder clock(Clock value) {
            this.clock = Check.notNull("clock", value);
            return this;
        }

        /** The region in ARNs, e.g. {@code eu-west-1}; default {@code us-east-1}. */
        public Builder region(String value) {
            this.region = Check.matches("region", value, REGION, "must look like an AWS region such as eu-west-1");
            return this;
        }

        /** The 12-digit account id in ARNs; default {@code 000000000000}. */
        public Builder accountId(String value) {
            this.accountId = Check.matches("accountId", value, ACCOUNT_ID, "must be 12 digits");
            return this;
        }

        /** When an empty long poll gives up; default {@link LongPollWait#CLOCK_OR_REAL_TIME}. */
        public Builder longPollWait(LongPollWait value) {
            this.longPollWait = Check.notNull("longPollWait", value);
            return this;
        }

        public InMemoryTransport build() {
            return new InMemoryTransport(this);
        }
    }
}
