package io.msgflow.test;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.AwaitTimeoutException;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.QueueStats;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.inmemory.TestClock;
import io.msgflow.processing.MessageConsumer;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a message flow in a test: the in-memory SNS/SQS on a {@link TestClock}, the processors of
 * the queues you name, a sink, and a record of every publish, delivery, settlement, dead-letter
 * move, redrive and sink write, with typed access.
 *
 * <pre>{@code
 * try (FlowHarness harness = FlowHarness.builder(topology, codec)
 *         .process("orders", p -> p.on(OrderPlaced.class, MessageHandler.store()))
 *         .build()) {
 *     harness.publish(new OrderPlaced("o-1", 120));
 *     harness.runUntilIdle();
 *     assertThat(harness.consumed(OrderPlaced.class)).containsExactly(new OrderPlaced("o-1", 120));
 * }
 * }</pre>
 *
 * <p><b>Virtual time.</b> {@link #runUntilIdle()} receives from every processed queue and
 * processes what it got until nothing is receivable, then moves the clock straight to the next
 * deadline of those queues (a delivery delay, a retry's backoff, a lapsed visibility timeout) and
 * goes on, until no processed queue has anything pending. A retry after 4 minutes of backoff
 * costs no real time. Guards stop a livelock with {@link NotIdleException}, naming what is
 * pending and printing the end of the timeline. <b>Determinism.</b> Without a running consumer,
 * everything happens on the calling thread in a fixed order, and the retry jitter is drawn from a
 * seeded generator ({@link Builder#seed}), so a run repeats exactly.
 *
 * <p><b>What the harness sets.</b> Each processor is built by the harness from your handlers
 * (the {@code process} callback) with the harness's sink (recorded), retry policy (seeded),
 * clock and listener; settings of those four made in the callback are replaced.
 *
 * <p><b>Threading.</b> Drive the harness from the test thread; the record is thread-safe, so
 * consumers started with {@link #startConsumer} record from their own threads. Closing the
 * harness stops its consumers and closes the transport.
 */
public final class FlowHarness implements AutoCloseable {
    private final Topology topology;
    private final MessageCodec codec;
    private final TestClock clock;
    private final InMemoryTransport transport;
    private final Sink sink;
    private final TrafficLog log = new TrafficLog();
    private final Instant start;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final MessagePublisher publisher;
    private final Guards guards;
    private final Set<String> seenOnDeadLetterQueues = new HashSet<>();
    private final List<MessageConsumer> consumers = new ArrayList<>();

    /** A processed queue: its recording source and its processor, and a consumer when one runs. */
    private static final class Lane {
        final RecordingSource source;
        final MessageProcessor processor;
        volatile boolean consumed;

        Lane(RecordingSource source, MessageProcessor processor) {
            this.source = source;
            this.processor = processor;
        }
    }

    private record Guards(int maxSteps, Duration maxVirtualTime, Duration maxRealTime) {
    }

    private FlowHarness(Builder b) {
        this.topology = b.topology;
        this.codec = b.codec;
        this.clock = b.clock;
        this.start = clock.instant();
        this.transport = InMemoryTransport.builder().clock(clock).build();
        this.transport.provision(topology);
        this.sink = b.sink;
        this.guards = new Guards(b.maxSteps, b.maxVirtualTime, b.maxRealTime);
        RecordingSink recordingSink = new RecordingSink(b.sink, log, clock);
        RetryPolicy retryPolicy = b.retryPolicy.withJitterSeed(b.seed);
        b.processors.forEach((queue, handlers) -> lanes.put(queue, lane(queue, handlers, recordingSink, retryPolicy)));
        this.publisher = new RecordingPublisher(transport.publisher(topology), "topic " + topology.topic(), log, clock);
    }

    private Lane lane(String queue, Consumer<MessageProcessor.Builder> handlers, Sink recordingSink, RetryPolicy retryPolicy) {
        RecordingSource source = new RecordingSource(transport.source(topology, queue), log, clock);
        MessageProcessor.Builder p = MessageProcessor.builder(codec);
        handlers.accept(p);
        MessageProcessor processor = p.sink(recordingSink).retryPolicy(retryPolicy).clock(clock)
                .wireFormat(topology.wireFormat()).listener(new ProcessingListener() {
                    @Override
                    public void failed(ReceivedMessage message, Throwable cause, Duration retryDelay) {
                        source.failed(message, cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    }
                }).build();
        return new Lane(source, processor);
    }

    /**
     * A harness for {@code topology}, whose payload types {@code codec} knows.
     *
     * @see Builder#process
     */
    public static Builder builder(Topology topology, MessageCodec codec) {
        return new Builder(topology, codec);
    }

    // ---- driving the flow

    /**
     * Publishes to the topic: a payload (encoded with the codec) or a {@link Message} as it is
     * (for foreign or bad input).
     */
    public PublishReceipt publish(Object payloadOrMessage) {
        return publisher.publish(toMessage(payloadOrMessage));
    }

    /**
     * Publishes a payload with what {@code customize} adds: attributes, a group id, a
     * deduplication id, e.g. {@code m -> m.attribute("region", "eu-west-1").groupId("o-1")}.
     */
    public PublishReceipt publish(Object payload, UnaryOperator<Message.Builder> customize) {
        return publisher.publish(customize.apply(toMessage(payload).toBuilder()).build());
    }

    /** Publishes payloads (or messages) in batches, in order. */
    public PublishResult publishAll(Object... payloadsOrMessages) {
        List<Message> messages = new ArrayList<>();
        for (Object p : payloadsOrMessages) {
            messages.add(toMessage(p));
        }
        return publisher.publishAll(messages);
    }

    /** Sends straight to one queue of the topology, bypassing the topic (raw delivery). */
    public PublishReceipt send(String queue, Object payloadOrMessage) {
        return new RecordingPublisher(transport.queueSender(topology, queue), "queue " + queue, log, clock).publish(toMessage(payloadOrMessage));
    }

    /** A publisher to the topic that records what it publishes: hand it to the code under test. */
    public MessagePublisher publisher() {
        return publisher;
    }

    /**
     * A source of any queue of the topology that records what it receives and settles, for a test
     * that plays a consumer by hand (one that crashes before acknowledging, say).
     */
    public MessageSource source(String queue) {
        return new RecordingSource(transport.source(topology, queue), log, clock);
    }

    /**
     * Processes every processed queue until nothing is pending on them, moving the clock from one
     * deadline to the next (see the class comment). With a consumer running on a queue, waits in
     * real time for it to settle what it received before moving the clock.
     *
     * @return how far the clock moved
     * @throws NotIdleException when a guard stopped the run (see {@link Builder#maxSteps},
     *                          {@link Builder#maxVirtualTime}, {@link Builder#maxRealTime})
     */
    public Duration runUntilIdle() {
        Instant from = clock.instant();
        Instant virtualLimit = from.plus(guards.maxVirtualTime());
        long realLimit = System.nanoTime() + guards.maxRealTime().toNanos();
        int steps = 0;
        while (true) {
            boolean worked = processOnce();
            noteRedrives();
            if (++steps > guards.maxSteps()) {
                throw notIdle("still busy after " + guards.maxSteps() + " steps (maxSteps)");
            }
            if (worked) {
                continue;
            }
            if (!awaitConsumers(realLimit)) {
                throw notIdle("a running consumer did not settle within " + Timeline.duration(guards.maxRealTime()) + " of real time (maxRealTime)");
            }
            Optional<Instant> next = nextDeadline();
            if (next.isEmpty()) {
                return Duration.between(from, clock.instant());
            }
            if (next.get().isAfter(virtualLimit)) {
                throw notIdle("the next deadline, " + next.get() + ", lies beyond " + Timeline.duration(guards.maxVirtualTime())
                        + " of virtual time from the start of this run (maxVirtualTime)");
            }
            moveClock(Duration.between(clock.instant(), next.get()), "next deadline");
        }
    }

    /**
     * Moves the clock forward, recorded in the timeline; messages whose deadline passes become visible.
     * Zero does nothing.
     *
     * @throws InvalidConfigurationException when {@code duration} is null or negative: the clock never goes back
     */
    public void advance(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new InvalidConfigurationException("duration", "`duration` of advance must be zero or positive (the clock never"
                    + " goes back), but was " + (duration == null ? "null" : "-" + Timeline.duration(duration.negated())));
        }
        moveClock(duration, "advanced by the test");
    }

    /**
     * Starts a {@link MessageConsumer} on a processed queue, with the queue's processor and its
     * visibility timeout; {@code options} may change the rest (pollers, batch size, wait time).
     * {@link #runUntilIdle()} then leaves that queue to the consumer and waits for it.
     */
    public MessageConsumer startConsumer(String queue, UnaryOperator<MessageConsumer.Builder> options) {
        Lane lane = lane(queue);
        MessageConsumer consumer = options.apply(MessageConsumer.builder(lane.source, lane.processor)
                .queue(topology.requireQueue(queue)).waitTime(Duration.ofSeconds(1))).build();
        lane.consumed = true;
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    private boolean processOnce() {
        boolean worked = false;
        for (Lane lane : lanes.values()) {
            if (lane.consumed) {
                continue;
            }
            List<ReceivedMessage> batch = lane.source.receive(10, Duration.ZERO);
            if (!batch.isEmpty()) {
                lane.processor.processAndSettle(batch, lane.source);
                worked = true;
            }
        }
        return worked;
    }

    /**
     * Waits until no running consumer is working on a message: nothing receivable on its queue,
     * and every message in flight there only waits out a retry's backoff.
     */
    private boolean awaitConsumers(long realLimitNanos) {
        if (lanes.values().stream().noneMatch(l -> l.consumed)) {
            return true;
        }
        Duration remaining = Duration.ofNanos(Math.max(0, realLimitNanos - System.nanoTime()));
        try {
            transport.await(remaining, this::consumersAtRest);
            return true;
        } catch (AwaitTimeoutException e) {
            return false;
        }
    }

    private boolean consumersAtRest() {
        for (Map.Entry<String, Lane> e : lanes.entrySet()) {
            if (e.getValue().consumed && !atRest(e.getKey(), e.getValue().source)) {
                return false;
            }
        }
        return true;
    }

    private boolean atRest(String queue, RecordingSource source) {
        if (source.settling()) {
            return false;
        }
        for (QueuedMessage m : transport.messages(queue)) {
            if (m.state() == QueuedMessage.State.VISIBLE
                    || m.state() == QueuedMessage.State.IN_FLIGHT && !source.awaitsRetry(m.transportMessageId(), m.receiveCount())) {
                return false;
            }
        }
        return true;
    }

    private Optional<Instant> nextDeadline() {
        Instant next = null;
        for (String queue : lanes.keySet()) {
            Optional<Instant> due = transport.nextDeadline(queue);
            if (due.isPresent() && (next == null || due.get().isBefore(next))) {
                next = due.get();
            }
        }
        return Optional.ofNullable(next);
    }

    private void moveClock(Duration by, String why) {
        if (by.isNegative() || by.isZero()) {
            return;
        }
        clock.advance(by);
        log.add(new TrafficEvent.ClockMoved(clock.instant(), by, why));
    }

    /** Records messages the queues moved to their dead-letter queues by redrive (those msgflow moved are recorded already). */
    private void noteRedrives() {
        for (QueueSpec spec : topology.queues()) {
            String queue = spec.name();
            spec.redrive().ifPresent(r -> {
                for (QueuedMessage m : transport.messages(r.deadLetterQueue())) {
                    if (seenOnDeadLetterQueues.add(m.transportMessageId()) && m.deadLetterReason().isEmpty()) {
                        log.add(new TrafficEvent.Redriven(clock.instant(), queue, m));
                    }
                }
            });
        }
    }

    private NotIdleException notIdle(String guard) {
        StringBuilder b = new StringBuilder("runUntilIdle: ").append(guard).append("; pending:");
        for (String queue : lanes.keySet()) {
            QueueStats s = transport.stats(queue);
            b.append("\n  queue '").append(queue).append("': ").append(s.visible()).append(" visible, ").append(s.inFlight())
                    .append(" in flight, ").append(s.delayed()).append(" delayed");
            transport.nextDeadline(queue).ifPresent(d -> b.append(", next deadline ").append(d));
        }
        List<TrafficEvent> events = log.all();
        List<TrafficEvent> tail = events.subList(Math.max(0, events.size() - 40), events.size());
        b.append("\n").append(Timeline.render(start, tail));
        if (tail.size() < events.size()) {
            b.append("\n  (last ").append(tail.size()).append(" of ").append(events.size()).append(" events)");
        }
        return new NotIdleException(b.toString());
    }

    // ---- reading the record

    /** Payloads of type {@code type} that were published (accepted by the topic or a queue), in order. */
    public <T> List<T> published(Class<T> type) {
        String name = codec.typeName(type);
        List<T> payloads = new ArrayList<>();
        for (TrafficEvent.Published p : log.of(TrafficEvent.Published.class, p -> p.message().type().equals(name))) {
            payloads.add(type.cast(codec.decode(name, p.message().body())));
        }
        return payloads;
    }

    /** Every publish, in order. */
    public List<TrafficEvent.Published> published() {
        return log.of(TrafficEvent.Published.class, p -> true);
    }

    /**
     * Payloads of type {@code type} that were consumed: handled, their output committed and the
     * delivery acknowledged, in order. A message redelivered and handled twice appears twice.
     */
    public <T> List<T> consumed(Class<T> type) {
        String name = codec.typeName(type);
        List<T> payloads = new ArrayList<>();
        for (TrafficEvent.Acknowledged a : log.of(TrafficEvent.Acknowledged.class, a -> a.delivery().type().equals(Optional.of(name)))) {
            payloads.add(type.cast(codec.decode(name, a.delivery().body())));
        }
        return payloads;
    }

    /** Messages of type {@code type} the processor dead-lettered, with the reason and the attempts, in order. */
    public <T> List<DeadLetteredMessage<T>> deadLettered(Class<T> type) {
        String name = codec.typeName(type);
        List<DeadLetteredMessage<T>> dead = new ArrayList<>();
        for (TrafficEvent.DeadLettered d : log.of(TrafficEvent.DeadLettered.class, d -> d.delivery().type().equals(Optional.of(name)))) {
            dead.add(new DeadLetteredMessage<>(decodeOrNull(type, name, d.delivery().body()), d.delivery().body(), d.delivery().queue(),
                    d.delivery().id(), d.reason(), d.attempts(), d.at()));
        }
        return dead;
    }

    /** Every dead-letter move by the processor, whatever the type (messages without one included). */
    public List<TrafficEvent.DeadLettered> deadLettered() {
        return log.of(TrafficEvent.DeadLettered.class, d -> true);
    }

    /** Every move by a queue's own redrive (after maxReceiveCount receives). */
    public List<TrafficEvent.Redriven> redriven() {
        noteRedrives();
        return log.of(TrafficEvent.Redriven.class, r -> true);
    }

    /** Every retry, in order: the delivery, the backoff and the failure. */
    public List<TrafficEvent.Retried> retried() {
        return log.of(TrafficEvent.Retried.class, r -> true);
    }

    /** Every delivery, in order. */
    public List<TrafficEvent.Delivered> delivered() {
        return log.of(TrafficEvent.Delivered.class, d -> true);
    }

    /** Records the sink wrote (new rows, not duplicates), in order. */
    public List<SinkRecord> stored() {
        List<SinkRecord> rows = new ArrayList<>();
        for (TrafficEvent.SinkWrite w : log.of(TrafficEvent.SinkWrite.class, w -> w.result().isPresent())) {
            w.records().stream().filter(r -> w.result().get().written().contains(r.messageId())).forEach(rows::add);
        }
        return rows;
    }

    /** Payloads of type {@code type} the sink wrote, decoded from the records of that type, in order. */
    public <T> List<T> stored(Class<T> type) {
        String name = codec.typeName(type);
        List<T> payloads = new ArrayList<>();
        stored().stream().filter(r -> r.type().equals(name)).forEach(r -> payloads.add(type.cast(codec.decode(name, r.body()))));
        return payloads;
    }

    /** Everything recorded, in order. */
    public List<TrafficEvent> traffic() {
        return log.all();
    }

    /** The traffic as text, one event a line with its virtual time since the harness started. */
    public String timeline() {
        return Timeline.render(start, log.all());
    }

    /** Forgets what was recorded so far (the queues and the sink keep their contents). */
    public void clearTraffic() {
        log.clear();
    }

    /** The queues this harness processes, in declaration order. */
    public List<String> processedQueues() {
        return List.copyOf(lanes.keySet());
    }

    public InMemoryTransport transport() {
        return transport;
    }

    public TestClock clock() {
        return clock;
    }

    public Topology topology() {
        return topology;
    }

    public MessageCodec codec() {
        return codec;
    }

    /** The sink the processors write to (not the recording wrapper). */
    public Sink sink() {
        return sink;
    }

    /** Stops the consumers (waiting up to their visibility timeout) and closes the transport. */
    @Override
    public void close() {
        consumers.forEach(MessageConsumer::close);
        transport.close();
    }

    @Override
    public String toString() {
        return "FlowHarness[" + topology.topic() + ", processes " + lanes.keySet() + ", " + clock + "]";
    }

    private Lane lane(String queue) {
        Lane lane = lanes.get(queue);
        if (lane == null) {
            throw new InvalidConfigurationException("queue", "queue '" + queue + "' has no processor in this harness; processed: "
                    + lanes.keySet() + " (declare one with Builder.process)");
        }
        return lane;
    }

    private Message toMessage(Object payloadOrMessage) {
        Objects.requireNonNull(payloadOrMessage, "payload");
        return payloadOrMessage instanceof Message ? (Message) payloadOrMessage : codec.encode(payloadOrMessage);
    }

    private <T> T decodeOrNull(Class<T> type, String name, String body) {
        try {
            return type.cast(codec.decode(name, body));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Options of a {@link FlowHarness}; each setter checks its value. */
    public static final class Builder {
        private final Topology topology;
        private final MessageCodec codec;
        private final Map<String, Consumer<MessageProcessor.Builder>> processors = new LinkedHashMap<>();
        private TestClock clock = TestClock.create();
        private Sink sink = new InMemorySink();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private long seed;
        private int maxSteps = 10_000;
        private Duration maxVirtualTime = Duration.ofDays(14);
        private Duration maxRealTime = Duration.ofSeconds(30);

        private Builder(Topology topology, MessageCodec codec) {
            this.topology = Objects.requireNonNull(topology, "topology");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /**
         * Processes {@code queue} with the handlers {@code handlers} registers, e.g.
         * {@code p -> p.on(OrderPlaced.class, MessageHandler.store())}.
         */
        public Builder process(String queue, Consumer<MessageProcessor.Builder> handlers) {
            topology.requireQueue(queue);
            if (processors.putIfAbsent(queue, Objects.requireNonNull(handlers, "handlers")) != null) {
                throw new InvalidConfigurationException("process", "queue '" + queue + "' has two processors");
            }
            return this;
        }

        /** The clock everything runs on; default {@link TestClock#create()}. */
        public Builder clock(TestClock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where processors write; default a new {@link InMemorySink}. A {@code JdbcSink} works too. */
        public Builder sink(Sink value) {
            this.sink = Objects.requireNonNull(value, "sink");
            return this;
        }

        /** The retry policy of every processor; its jitter is seeded with {@link #seed}. Default {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The seed of the retry jitter; default 0. The same seed gives the same delays. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Receive-and-process rounds plus clock moves one {@code runUntilIdle} may take; 1 to 1 000 000, default 10 000. */
        public Builder maxSteps(int value) {
            if (value < 1 || value > 1_000_000) {
                throw new InvalidConfigurationException("maxSteps", "`maxSteps` must be between 1 and 1000000, but was " + value);
            }
            this.maxSteps = value;
            return this;
        }

        /** How far one {@code runUntilIdle} may move the clock; 1 s to 365 days, default 14 days (the longest SQS retention). */
        public Builder maxVirtualTime(Duration value) {
            this.maxVirtualTime = between("maxVirtualTime", value, Duration.ofSeconds(1), Duration.ofDays(365));
            return this;
        }

        /** How long one {@code runUntilIdle} may wait in real time for running consumers; 1 s to 10 min, default 30 s. */
        public Builder maxRealTime(Duration value) {
            this.maxRealTime = between("maxRealTime", value, Duration.ofSeconds(1), Duration.ofMinutes(10));
            return this;
        }

        private static Duration between(String setting, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, setting);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidConfigurationException(setting, "`" + setting + "` must be between " + Timeline.duration(min) + " and "
                        + Timeline.duration(max) + ", but was " + Timeline.duration(value));
            }
            return value;
        }

        /** Provisions the topology on a fresh in-memory transport and builds the processors. */
        public FlowHarness build() {
            return new FlowHarness(this);
        }
    }
}
