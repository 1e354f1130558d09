package io.msgflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.ConsumerScheduler;
import io.msgflow.processing.ErrorHandler;
import io.msgflow.processing.MessageConsumer;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.MessageOutcome.Kind;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.MissingDeadLetterQueue;
import io.msgflow.processing.PermanentFailureException;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.spi.DeadLetterCopy;
import io.msgflow.spi.SettlementEngine;
import io.msgflow.tck.internal.CountingSource;
import io.msgflow.tck.internal.KitSink;
import io.msgflow.tck.internal.Poller;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit of the processing runtime: {@link MessageConsumer} and the settlement engine
 * ({@link SettlementEngine}) on a transport — one outcome per message whatever happens, retries
 * bounded by the queue, no false dead-letter claims, one dead-letter copy shape, a fenced
 * heartbeat, supervised pollers, adaptive concurrency, a clean stop.
 *
 * <h2>Extending it</h2>
 * On virtual time (the in-memory transport on a {@code TestClock}, its {@code TestScheduler}):
 * <pre>{@code
 * class InMemoryConsumerCompatibilityTest extends ConsumerCompatibilityKit {
 *     private final TestClock clock = TestClock.create();
 *     private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
 *     private final TestScheduler scheduler = TestScheduler.on(clock);
 *
 *     @Override protected MessageTransport transport() { return transport; }
 *     @Override protected void advanceTime(Duration d) { clock.advance(d); }
 *     @Override protected Clock clock() { return clock; }
 *     @Override protected Optional<ConsumerScheduler> scheduler() { return Optional.of(scheduler); }
 *     @Override protected KitTime time() { return KitTime.VIRTUAL; }
 * }
 * }</pre>
 * Against a real server, time is {@link KitTime#REAL}, {@link #advanceTime} sleeps, and tests that
 * need virtual time (heartbeats, backoff timing) are skipped, naming why: the real-time subset.
 *
 * <h2>Contract of the run</h2>
 * Every test declares its own queues with a random suffix and stops its consumers. Tests wait for
 * what they expect with real-time bounds only; time the behaviour depends on passes only through
 * {@link #advanceTime}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class ConsumerCompatibilityKit {
    private static final Duration AWAIT = Duration.ofSeconds(20);

    /** How time passes for the consumer under test. */
    public enum KitTime {
        /** Only through {@link #advanceTime}: a {@code TestClock} and a scheduler on it. */
        VIRTUAL,
        /** Wall-clock time: a real server. */
        REAL
    }

    /** A payload of the kit. */
    public record Note(int n, String text) {
    }

    /** A handler output the plain mapper cannot write but the codec's mapper can. */
    public record Stamped(int n, Instant at) {
    }

    private final List<MessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final KitSink sink = new KitSink();
    private final MessageCodec codec = MessageCodec.builder().register(Note.class, "notification")
            .objectMapper(new ObjectMapper().registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance)))
            .build();

    /** The transport under test; the subclass creates and closes it. */
    protected abstract MessageTransport transport();

    /** Lets the given time pass for the transport and the consumer. */
    protected abstract void advanceTime(Duration duration);

    /** The clock of the transport and the consumer; the system clock by default. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** The consumer's scheduler; empty (the consumer's own, on the system clock) by default. */
    protected java.util.Optional<ConsumerScheduler> scheduler() {
        return java.util.Optional.empty();
    }

    /** How time passes; {@link KitTime#REAL} by default. */
    protected KitTime time() {
        return KitTime.REAL;
    }

    /** Optional features of the transport; all by default. */
    protected Set<TransportFeature> features() {
        return EnumSet.allOf(TransportFeature.class);
    }

    /** The consumer's long-poll wait: 20 s on virtual time (a publish wakes it), 1 s on real servers. */
    protected Duration waitTime() {
        return time() == KitTime.VIRTUAL ? Duration.ofSeconds(20) : Duration.ofSeconds(1);
    }

    @AfterEach
    void stopConsumers() {
        consumers.forEach(c -> c.stop(Duration.ofSeconds(5)));
    }

    // ---------------------------------------------------------------- helpers

    private boolean virtual() {
        return time() == KitTime.VIRTUAL;
    }

    private void assumeVirtual() {
        Assumptions.assumeTrue(virtual(), "needs virtual time: the behaviour is timed by the consumer's clock");
    }

    private void assume(TransportFeature feature) {
        Assumptions.assumeTrue(features().contains(feature), "the transport lacks " + feature);
    }

    private Duration restartBackoff() {
        return virtual() ? Duration.ofSeconds(1) : Duration.ofMillis(20);
    }

    private String queueName() {
        return "kit-c-" + suffix;
    }

    private String dlqName() {
        return queueName() + "-dlq";
    }

    /** A standard queue with a dead-letter queue after {@code maxReceiveCount} receives (0: no dead-letter queue). */
    protected Topology topology(int maxReceiveCount) {
        QueueSpec.Builder q = QueueSpec.builder(queueName()).visibilityTimeout(Duration.ofSeconds(virtual() ? 30 : 5));
        Topology.Builder b = Topology.builder("kit-c-" + suffix);
        if (maxReceiveCount > 0) {
            q.deadLetterQueue(dlqName(), maxReceiveCount);
            b.queue(QueueSpec.named(dlqName()));
        }
        Topology topology = b.queue(q.build()).routeType("notification", queueName()).build();
        transport().provision(topology);
        return topology;
    }

    private MessagePublisher publisher(Topology topology) {
        return features().contains(TransportFeature.TOPICS) ? transport().publisher(topology)
                : transport().queueSender(topology, queueName());
    }

    private List<Message> publish(Topology topology, int count) {
        List<Message> messages = IntStream.range(0, count).mapToObj(i -> codec.encode(new Note(i, "note " + i))).toList();
        assertThat(publisher(topology).publishAll(messages).allSucceeded()).isTrue();
        return messages;
    }

    private MessageSource source(Topology topology) {
        return transport().source(topology, queueName());
    }

    private MessageProcessor.Builder processor(MessageHandler<? super Note> handler) {
        return MessageProcessor.builder(codec).sink(sink).clock(clock()).on(Note.class, handler)
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).build());
    }

    private MessageConsumer.Builder consumerBuilder(MessageSource source, MessageProcessor processor) {
        MessageConsumer.Builder b = MessageConsumer.builder(source, processor).waitTime(waitTime()).clock(clock())
                .restartBackoff(restartBackoff());
        scheduler().ifPresent(b::scheduler);
        return b;
    }

    private MessageConsumer started(MessageConsumer.Builder builder) {
        MessageConsumer c = builder.build();
        consumers.add(c);
        c.start();
        return c;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + AWAIT.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private Poller poller() {
        return new Poller(virtual() ? KitTiming.virtualClock() : KitTiming.realServers());
    }

    private List<ReceivedMessage> deadLetters(Topology topology, int expected) {
        return poller().await(transport().source(topology, dlqName()), expected, 10);
    }

    private static Throwable thrown(Throwable t) {
        return t;
    }

    /** Records the outcomes the error handler sees. */
    private static final class Failures implements ErrorHandler {
        final List<MessageOutcome> outcomes = new CopyOnWriteArrayList<>();
        final List<Throwable> pollerFailures = new CopyOnWriteArrayList<>();
        final List<Duration> restartDelays = new CopyOnWriteArrayList<>();

        @Override
        public void messageFailed(MessageOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void pollerFailed(String queue, Throwable cause, Duration restartIn) {
            pollerFailures.add(cause);
            restartDelays.add(restartIn);
        }

        List<Kind> kinds() {
            return outcomes.stream().map(MessageOutcome::kind).toList();
        }
    }

    /** Records listener events. */
    private static final class Events implements ProcessingListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void deadLettered(ReceivedMessage message, String reason) {
            events.add("deadLettered");
        }

        @Override
        public void retained(ReceivedMessage message, String reason) {
            events.add("retained");
        }

        @Override
        public void pollerFailed(String queue, Throwable cause, Duration restartIn) {
            events.add("pollerFailed");
        }

        @Override
        public void unsettled(MessageOutcome outcome) {
            events.add("unsettled");
        }
    }

    private Set<String> liveThreads(String prefix) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).forEach(names::add);
        return names;
    }

    // ---------------------------------------------------------------- processing and isolation

    @Test
    public void processingEveryMessageIsWrittenOnceAndDeleted() {
        Topology t = topology(3);
        publish(t, 25);
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()));
        await("25 rows", () -> sink.count() == 25);
        assertThat(poller().strays(source(t))).isEmpty();
    }

    @Test
    public void processingSeveralPollersWriteEveryMessageExactlyOnce() {
        Topology t = topology(3);
        publish(t, 120);
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()).pollers(3));
        await("120 rows", () -> sink.count() == 120);
        assertThat(sink.rows()).hasSize(120);
    }

    @Test
    public void isolationOutputIsEncodedWithTheCodecsOwnMapper() {
        Topology t = topology(3);
        publish(t, 2);
        started(consumerBuilder(source(t), processor((n, c) -> new Stamped(n.n(), Instant.EPOCH)).build()));
        await("2 rows", () -> sink.count() == 2);
        assertThat(sink.rows().values()).allSatisfy(r -> assertThat(r.body()).contains("\"at\":\"1970-01-01T00:00:00Z\""));
    }

    @Test
    public void isolationOutputTheCodecCannotWriteDeadLettersOnlyThatMessage() {
        Topology t = topology(3);
        publish(t, 3);
        Failures failures = new Failures();
        started(consumerBuilder(source(t), processor((n, c) -> n.n() == 1 ? new Object() : n).build()).errorHandler(failures));
        await("2 rows", () -> sink.count() == 2);
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d ->
                assertThat(d.attributes().get(MessageSourceAttributes.REASON).stringValue()).contains("output cannot be written"));
    }

    @Test
    public void isolationPermanentFailureWithNullReasonNamesTheExceptionType() {
        Topology t = topology(3);
        publish(t, 1);
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException(null);
        }).build()));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).isEqualTo("PermanentFailureException (no reason given)"));
    }

    @Test
    public void isolationPermanentFailureWithBlankReasonNamesTheExceptionType() {
        Topology t = topology(3);
        publish(t, 1);
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException("  ");
        }).build()));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).contains("PermanentFailureException"));
    }

    @Test
    public void isolationAnAssertionErrorFailsOnlyItsMessageAndThePollerGoesOn() {
        Topology t = topology(5);
        publish(t, 5);
        Failures failures = new Failures();
        MessageConsumer c = started(consumerBuilder(source(t), processor((n, ctx) -> {
            if (n.n() == 2 && ctx.receiveCount() == 1) {
                throw new AssertionError("assumption broken");
            }
            return n;
        }).build()).errorHandler(failures));
        await("5 rows", () -> sink.count() == 5);
        assertThat(c.isRunning()).isTrue();
        assertThat(failures.outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.RETRY);
            assertThat(o.reason()).isEqualTo("AssertionError: assumption broken");
        });
    }

    @Test
    public void isolationAStackOverflowErrorIsThatMessagesRetry() {
        Topology t = topology(5);
        publish(t, 2);
        AtomicInteger calls = new AtomicInteger();
        started(consumerBuilder(source(t), processor((n, ctx) -> {
            if (n.n() == 0 && calls.getAndIncrement() == 0) {
                throw new StackOverflowError();
            }
            return n;
        }).build()));
        await("2 rows", () -> sink.count() == 2);
    }

    @Test
    public void isolationAnExceptionWithoutMessageGivesAReasonNamingItsType() {
        Topology t = topology(1);
        publish(t, 1);
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new IllegalStateException();
        }).build()));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).endsWith("last failure: IllegalStateException"));
    }

    @Test
    public void isolationAnUndecodableBodyIsDeadLetteredAtOnceAndItsNeighboursStored() {
        Topology t = topology(3);
        publish(t, 2);
        assertThat(publisher(t).publish(Message.builder().type("notification").body("{not json").build())).isNotNull();
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()));
        await("2 rows", () -> sink.count() == 2);
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> {
            assertThat(d.body()).isEqualTo("{not json");
            assertThat(d.attributes().get(DeadLetterCopy.ATTEMPTS_ATTRIBUTE).stringValue()).isEqualTo("1");
        });
    }

    @Test
    public void isolationAListenerThatThrowsChangesNoOutcome() {
        Topology t = topology(3);
        publish(t, 3);
        ProcessingListener throwing = new ProcessingListener() {
            @Override
            public void processed(ReceivedMessage message, Duration latency) {
                throw new IllegalStateException("listener bug");
            }
        };
        started(consumerBuilder(source(t), processor(MessageHandler.store()).listener(throwing).build()));
        await("3 rows", () -> sink.count() == 3);
        assertThat(poller().strays(source(t))).isEmpty();
    }

    @Test
    public void isolationASinkFailureRetriesItsMessagesAndTheyLandOnce() {
        Topology t = topology(5);
        publish(t, 4);
        sink.failNext(1);
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()));
        await("4 rows", () -> sink.count() == 4);
        assertThat(sink.writes()).isGreaterThanOrEqualTo(2);
    }

    @Test
    public void isolationARecordTheSinkRefusesIsDeadLetteredAlone() {
        Topology t = topology(3);
        publish(t, 3);
        sink.refuseBodiesContaining("note 1");
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()));
        await("2 rows", () -> sink.count() == 2);
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).contains("sink refused the record"));
    }

    // ---------------------------------------------------------------- retries

    @Test
    public void retryJitterIsDrawnPerMessage() {
        Topology t = topology(5);
        publish(t, 10);
        List<Duration> delays = new CopyOnWriteArrayList<>();
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).on(Note.class, (n, c) -> {
            throw new IllegalStateException("down");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(60)).maxDelay(Duration.ofSeconds(60)).build())
                .listener(new ProcessingListener() {
                    @Override
                    public void failed(ReceivedMessage message, Throwable cause, Duration retryDelay) {
                        delays.add(retryDelay);
                    }
                }).build();
        started(consumerBuilder(source(t), p));
        await("10 failures", () -> delays.size() == 10);
        assertThat(Set.copyOf(delays)).as("equal jitter draws a delay per message").hasSizeGreaterThan(1);
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    @Test
    public void retryVisibilityChangesAreGroupedByWholeSecondDelay() {
        Topology t = topology(5);
        publish(t, 10);
        CountingSource source = new CountingSource(source(t));
        AtomicInteger failures = new AtomicInteger();
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).on(Note.class, (n, c) -> {
            failures.incrementAndGet();
            throw new IllegalStateException("down");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMillis(1200)).maxDelay(Duration.ofMillis(1200))
                .jitter(RetryPolicy.Jitter.EQUAL).build()).build();
        SettlementEngine engine = SettlementEngine.of(p, source, SettlementEngine.Mode.SETTLE_ALL);
        List<ReceivedMessage> batch = poller().await(source(t), 10, 10);
        BatchResult result = engine.run(batch);
        assertThat(result.retried()).hasSize(batch.size());
        assertThat(source.visibilityCalls()).as("delays 0.6..1.2 s are 1 or 2 whole seconds: at most two calls")
                .hasSizeLessThanOrEqualTo(2).allSatisfy(c -> assertThat(c.timeout().getNano()).isZero());
        assertThat(source.visibilityCalls().stream().mapToInt(CountingSource.VisibilityCall::messages).sum()).isEqualTo(batch.size());
    }

    @Test
    public void retryComesBackAfterItsDelayNotBefore() {
        assumeVirtual();
        Topology t = topology(5);
        publish(t, 1);
        AtomicInteger calls = new AtomicInteger();
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).sink(sink).on(Note.class, (n, c) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("once");
            }
            return n;
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(5))
                .jitter(RetryPolicy.Jitter.NONE).build()).build();
        CountingSource source = new CountingSource(source(t));
        started(consumerBuilder(source, p));
        // The delay counts from the settlement, so the clock moves only once it was applied.
        await("retry delay set", () -> source.visibilityCalls().stream().anyMatch(c -> c.timeout().equals(Duration.ofSeconds(5))));
        advanceTime(Duration.ofSeconds(4));
        assertThat(calls).hasValue(1);
        advanceTime(Duration.ofSeconds(2));
        await("second attempt stored", () -> sink.count() == 1);
    }

    @Test
    public void retryOnTheLastReceiveTheQueueAllowsDeadLettersWithTheReason() {
        Topology t = topology(3);
        publish(t, 1);
        AtomicInteger calls = new AtomicInteger();
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).on(Note.class, (n, c) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("downstream rejects");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).maxAttempts(5).build()).build();
        started(consumerBuilder(source(t), p));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> {
            assertThat(d.attributes().get(MessageSourceAttributes.REASON).stringValue())
                    .isEqualTo("failed on all 3 attempts the queue allows (maxReceiveCount 3); last failure: IllegalStateException: downstream rejects");
            assertThat(d.attributes().get(DeadLetterCopy.ATTEMPTS_ATTRIBUTE).stringValue()).isEqualTo("3");
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    public void retryPolicyAttemptsBelowTheQueueLimitDeadLetterEarlier() {
        Topology t = topology(10);
        publish(t, 1);
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).on(Note.class, (n, c) -> {
            throw new IllegalStateException("no");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).maxAttempts(2).build()).build();
        started(consumerBuilder(source(t), p));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).startsWith("failed on all 2 attempts; last failure"));
    }

    // ---------------------------------------------------------------- dead letters

    @Test
    public void deadLetterCopyCarriesBodyAttributesIdAndMetadata() {
        Topology t = topology(3);
        Message m = codec.encode(new Note(7, "seven")).toBuilder().attribute("tenant", MessageAttribute.string("acme")).build();
        publisher(t).publish(m);
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException("bad note");
        }).build()));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(m.id());
            assertThat(d.body()).isEqualTo(m.body());
            assertThat(d.type()).contains("notification");
            assertThat(d.attributes().get("tenant").stringValue()).isEqualTo("acme");
            assertThat(d.attributes().get(MessageSourceAttributes.REASON).stringValue()).isEqualTo("bad note");
            assertThat(d.attributes().get(DeadLetterCopy.QUEUE_ATTRIBUTE).stringValue()).isEqualTo(queueName());
            assertThat(d.attributes().get(DeadLetterCopy.ATTEMPTS_ATTRIBUTE).stringValue()).isEqualTo("1");
            assertThat(Instant.parse(d.attributes().get(DeadLetterCopy.FAILED_AT_ATTRIBUTE).stringValue())).isNotNull();
        });
    }

    @Test
    public void deadLetterCopyOfAnEnvelopeDeliveryIsUnwrapped() {
        assume(TransportFeature.ENVELOPE_DELIVERY);
        QueueSpec q = QueueSpec.builder(queueName()).deadLetterQueue(dlqName(), 3).build();
        Topology t = Topology.builder("kit-c-" + suffix).queue(QueueSpec.named(dlqName())).queue(q)
                .route(io.msgflow.topology.Route.toQueue(queueName())
                        .filter(io.msgflow.filter.FilterPolicy.matchingTypes(WireFormat.DEFAULT_TYPE_ATTRIBUTE, "notification"))
                        .delivery(io.msgflow.topology.Delivery.ENVELOPE)).build();
        transport().provision(t);
        Message m = codec.encode(new Note(1, "wrapped"));
        transport().publisher(t).publish(m);
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException("bad");
        }).build()));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> {
            assertThat(d.body()).as("the copy is the message, not the SNS envelope").isEqualTo(m.body());
            assertThat(d.id()).isEqualTo(m.id());
        });
    }

    @Test
    public void deadLetterCopyOfAForeignMessageKeepsItsRecoveredId() {
        Topology t = topology(3);
        Topology foreign = Topology.builder("kit-c-" + suffix).queue(QueueSpec.builder(queueName())
                        .visibilityTimeout(Duration.ofSeconds(virtual() ? 30 : 5)).deadLetterQueue(dlqName(), 3).build())
                .queue(QueueSpec.named(dlqName())).wireFormat(WireFormat.of(WireFormat.DEFAULT_TYPE_ATTRIBUTE, "their_id")).build();
        transport().queueSender(foreign, queueName()).publish(codec.encode(new Note(1, "theirs")));
        List<String> seenIds = new CopyOnWriteArrayList<>();
        started(consumerBuilder(source(t), processor((n, c) -> {
            seenIds.add(c.messageId());
            throw new PermanentFailureException("bad");
        }).build()));
        List<ReceivedMessage> dead = deadLetters(t, 1);
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(seenIds.get(0)));
        assertThat(dead.get(0).attributes().get(WireFormat.DEFAULT_ID_ATTRIBUTE).stringValue()).isEqualTo(seenIds.get(0));
    }

    @Test
    public void deadLetterListenerIsToldOnlyAfterTheMove() {
        Topology t = topology(3);
        publish(t, 1);
        Events events = new Events();
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException("bad");
        }).listener(events).build()));
        await("dead-letter event", () -> events.events.contains("deadLettered"));
        assertThat(deadLetters(t, 1)).hasSize(1);
    }

    @Test
    public void deadLetterUnknownTypeIsDeadLetteredWithTheKnownTypes() {
        Topology t = topology(3);
        MessageProcessor p = MessageProcessor.builder(MessageCodec.builder().register(Stamped.class).build()).clock(clock())
                .on(Stamped.class, MessageHandler.store()).build();
        publish(t, 1);
        started(consumerBuilder(source(t), p));
        assertThat(deadLetters(t, 1)).singleElement().satisfies(d -> assertThat(d.attributes()
                .get(MessageSourceAttributes.REASON).stringValue()).contains("unknown message type 'notification'"));
    }

    // ---------------------------------------------------------------- no dead-letter queue

    @Test
    public void noDeadLetterQueueAPermanentFailureIsRetainedNeverClaimedDeadLettered() {
        Topology t = topology(0);
        publish(t, 1);
        Events events = new Events();
        Failures failures = new Failures();
        started(consumerBuilder(source(t), processor((n, c) -> {
            throw new PermanentFailureException("bad");
        }).listener(events).build()).errorHandler(failures));
        await("retained", () -> failures.kinds().contains(Kind.RETAINED));
        assertThat(failures.kinds()).doesNotContain(Kind.DEAD_LETTERED);
        assertThat(events.events).contains("retained").doesNotContain("deadLettered");
        assertThat(failures.outcomes.get(0).decided()).isEqualTo(Kind.DEAD_LETTERED);
        assertThat(failures.outcomes.get(0).reason()).isEqualTo("bad");
    }

    @Test
    public void noDeadLetterQueueTheRetainedMessageStaysOnTheQueueHidden() {
        Topology t = topology(0);
        publish(t, 1);
        Failures failures = new Failures();
        MessageConsumer c = started(consumerBuilder(source(t), processor((n, ctx) -> {
            throw new PermanentFailureException("bad");
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(10)).build()).build())
                .errorHandler(failures));
        await("retained", () -> failures.kinds().contains(Kind.RETAINED));
        assertThat(failures.outcomes.get(0).delay()).isEqualTo(Duration.ofSeconds(10));
        c.stop(Duration.ofSeconds(5));
        assertThat(poller().strays(source(t))).as("hidden for its hold delay").isEmpty();
        if (virtual()) {
            advanceTime(Duration.ofSeconds(11));
            assertThat(poller().firstBatch(source(t), 10)).as("back after the hold delay: not lost").hasSize(1);
        }
    }

    @Test
    public void noDeadLetterQueueFailAtStartRefusesToBuild() {
        Topology t = topology(0);
        MessageProcessor p = processor(MessageHandler.store()).onMissingDeadLetterQueue(MissingDeadLetterQueue.FAIL_AT_START).build();
        assertThatThrownBy(() -> consumerBuilder(source(t), p).build()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(queueName()).hasMessageContaining("no dead-letter queue");
    }

    @Test
    public void noDeadLetterQueueFailAtStartAcceptsAQueueWithOne() {
        Topology t = topology(3);
        MessageProcessor p = processor(MessageHandler.store()).onMissingDeadLetterQueue(MissingDeadLetterQueue.FAIL_AT_START).build();
        assertThat(consumerBuilder(source(t), p).build()).isNotNull();
    }

    @Test
    public void noDeadLetterQueueTransientFailuresStillRetry() {
        Topology t = topology(0);
        publish(t, 1);
        AtomicInteger calls = new AtomicInteger();
        started(consumerBuilder(source(t), processor((n, c) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
            }
            return n;
        }).build()));
        await("stored on the third attempt", () -> sink.count() == 1);
    }

    // ---------------------------------------------------------------- settlement results

    @Test
    public void settlementAFailedAcknowledgementIsAnOutcome() {
        Topology t = topology(3);
        publish(t, 1);
        List<ReceivedMessage> batch = poller().await(source(t), 1, 10);
        ReceivedMessage stale = io.msgflow.tck.internal.KitMessages.withReceiptHandle(batch.get(0), "not-a-handle-" + suffix);
        MessageProcessor p = processor(MessageHandler.store()).build();
        BatchResult result = SettlementEngine.of(p, source(t), SettlementEngine.Mode.SETTLE_ALL).run(List.of(stale));
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Kind.UNSETTLED);
            assertThat(o.decided()).isEqualTo(Kind.ACKNOWLEDGED);
            assertThat(o.reason()).contains("acknowledge failed");
            assertThat(o.staysOnQueue()).isTrue();
        });
    }

    @Test
    public void settlementOneOutcomePerDeliveryInOrder() {
        Topology t = topology(3);
        publish(t, 6);
        List<ReceivedMessage> batch = poller().await(source(t), 6, 10);
        MessageProcessor p = processor((n, c) -> {
            if (n.n() % 3 == 1) {
                throw new PermanentFailureException("bad " + n.n());
            }
            if (n.n() % 3 == 2) {
                throw new IllegalStateException("flaky");
            }
            return n;
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(30)).maxDelay(Duration.ofSeconds(30)).build()).build();
        BatchResult result = SettlementEngine.of(p, source(t), SettlementEngine.Mode.SETTLE_ALL).run(batch);
        assertThat(result.outcomes()).extracting(MessageOutcome::message).containsExactlyElementsOf(batch);
        assertThat(result.count(Kind.ACKNOWLEDGED) + result.count(Kind.DEAD_LETTERED) + result.count(Kind.RETRY)).isEqualTo(6);
        assertThat(result.count(Kind.DEAD_LETTERED)).isEqualTo(2);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.at()).isNotNull());
    }

    @Test
    public void settlementHandBackMakesMessagesVisibleAtOnce() {
        Topology t = topology(3);
        publish(t, 3);
        List<ReceivedMessage> batch = poller().await(source(t), 3, 10);
        BatchResult result = SettlementEngine.of(processor(MessageHandler.store()).build(), source(t), SettlementEngine.Mode.SETTLE_ALL)
                .handBack(batch, "not started");
        assertThat(result.count(Kind.HANDED_BACK)).isEqualTo(3);
        assertThat(poller().await(source(t), 3, 10)).hasSize(3);
    }

    @Test
    public void settlementOutcomesAreStampedOnTheInjectedClock() {
        Topology t = topology(3);
        publish(t, 1);
        List<ReceivedMessage> batch = poller().await(source(t), 1, 10);
        Instant before = clock().instant();
        BatchResult result = SettlementEngine.of(processor(MessageHandler.store()).build(), source(t), SettlementEngine.Mode.SETTLE_ALL)
                .run(batch);
        assertThat(result.outcomes().get(0).at()).isBetween(before, clock().instant());
    }

    // ---------------------------------------------------------------- heartbeat

    @Test
    public void heartbeatKeepsASlowMessageInvisibleSoItIsHandledOnce() {
        assumeVirtual();
        Topology t = topology(3);
        publish(t, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CountingSource source = new CountingSource(source(t));
        started(consumerBuilder(source, processor((n, c) -> {
            calls.incrementAndGet();
            release.await();
            return n;
        }).build()));
        await("handler started", () -> calls.get() == 1);
        for (int i = 0; i < 6; i++) {
            advanceTime(Duration.ofSeconds(15));
        }
        assertThat(poller().strays(source(t))).as("extended, not redelivered").isEmpty();
        assertThat(source.visibilityCalls()).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(c -> assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30)));
        release.countDown();
        await("stored", () -> sink.count() == 1);
        assertThat(calls).hasValue(1);
    }

    @Test
    public void heartbeatNeverOverwritesARetryDelay() {
        assumeVirtual();
        Topology t = topology(5);
        publish(t, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CountingSource source = new CountingSource(source(t));
        MessageProcessor p = MessageProcessor.builder(codec).clock(clock()).sink(sink).on(Note.class, (n, c) -> {
            if (calls.incrementAndGet() == 1) {
                release.await();
                throw new IllegalStateException("slow, then failed");
            }
            return n;
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(60)).maxDelay(Duration.ofSeconds(60))
                .jitter(RetryPolicy.Jitter.NONE).build()).build();
        started(consumerBuilder(source, p));
        await("handler started", () -> calls.get() == 1);
        advanceTime(Duration.ofSeconds(15));
        release.countDown();
        await("retry delay set", () -> source.visibilityCalls().stream().anyMatch(c -> c.timeout().equals(Duration.ofSeconds(60))));
        int calls60 = source.visibilityCalls().size();
        for (int i = 0; i < 3; i++) {
            advanceTime(Duration.ofSeconds(15));
        }
        assertThat(source.visibilityCalls()).as("no heartbeat after settlement").hasSize(calls60);
        assertThat(calls).hasValue(1);
        advanceTime(Duration.ofSeconds(16));
        await("retried after its 60 s", () -> sink.count() == 1);
    }

    @Test
    public void heartbeatStopsAtItsCap() {
        assumeVirtual();
        Topology t = topology(3);
        publish(t, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        started(consumerBuilder(source(t), processor((n, c) -> {
            calls.incrementAndGet();
            release.await();
            return n;
        }).build()).maxExtension(Duration.ofSeconds(60)));
        await("handler started", () -> calls.get() == 1);
        for (int i = 0; i < 8; i++) {
            advanceTime(Duration.ofSeconds(15));
        }
        assertThat(poller().firstBatch(source(t), 10)).as("visible again past the cap").hasSize(1);
        release.countDown();
    }

    @Test
    public void heartbeatOneSchedulerThreadServesEveryPoller() {
        Assumptions.assumeTrue(scheduler().isEmpty(), "counts the consumer's own scheduler thread");
        Topology t = topology(3);
        publish(t, 30);
        started(consumerBuilder(source(t), processor(MessageHandler.store()).build()).pollers(4));
        await("30 rows", () -> sink.count() == 30);
        assertThat(liveThreads("msgflow-scheduler-" + queueName())).hasSize(1);
    }

    // ---------------------------------------------------------------- supervision

    @Test
    public void supervisionAFailedReceiveIsReportedAndThePollerRestarts() {
        Topology t = topology(3);
        publish(t, 2);
        CountingSource source = new CountingSource(source(t));
        source.failReceives(1);
        Events events = new Events();
        Failures failures = new Failures();
        MessageConsumer c = started(consumerBuilder(source, processor(MessageHandler.store()).listener(events).build())
                .errorHandler(failures));
        await("poller failure reported", () -> failures.pollerFailures.size() == 1);
        assertThat(events.events).contains("pollerFailed");
        assertThat(c.isRunning()).isTrue();
        advanceTime(restartBackoff());
        await("2 rows after the restart", () -> sink.count() == 2);
    }

    @Test
    public void supervisionRestartBackoffDoublesWithConsecutiveFailures() {
        assumeVirtual();
        Topology t = topology(3);
        CountingSource source = new CountingSource(source(t));
        source.failReceives(3);
        Failures failures = new Failures();
        started(consumerBuilder(source, processor(MessageHandler.store()).build()).errorHandler(failures));
        await("first failure", () -> failures.restartDelays.size() == 1);
        advanceTime(Duration.ofSeconds(1));
        await("second failure", () -> failures.restartDelays.size() == 2);
        advanceTime(Duration.ofSeconds(2));
        await("third failure", () -> failures.restartDelays.size() == 3);
        assertThat(failures.restartDelays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    public void supervisionAnErrorInSettlementRestartsThePollerAndNothingIsLost() {
        Topology t = topology(5);
        publish(t, 1);
        CountingSource source = new CountingSource(source(t));
        source.errorOnAcknowledge(1);
        Failures failures = new Failures();
        started(consumerBuilder(source, processor(MessageHandler.store()).build()).errorHandler(failures)
                .visibilityTimeout(Duration.ofSeconds(virtual() ? 30 : 5)));
        await("poller failure reported", () -> failures.pollerFailures.size() == 1);
        assertThat(thrown(failures.pollerFailures.get(0))).isInstanceOf(AssertionError.class);
        advanceTime(Duration.ofSeconds(virtual() ? 31 : 6));
        await("acknowledged on redelivery", () -> source.acknowledges() >= 2 && poller().strays(source(t)).isEmpty());
        assertThat(sink.count()).isEqualTo(1);
    }

    @Test
    public void supervisionTheErrorHandlerSeesEveryMessageFailure() {
        Topology t = topology(3);
        publish(t, 3);
        Failures failures = new Failures();
        started(consumerBuilder(source(t), processor((n, c) -> {
            if (n.n() == 0) {
                throw new PermanentFailureException("bad");
            }
            return n;
        }).build()).errorHandler(failures));
        await("2 rows", () -> sink.count() == 2);
        await("one failure", () -> failures.outcomes.size() == 1);
        assertThat(failures.kinds()).containsExactly(Kind.DEAD_LETTERED);
    }

    @Test
    public void supervisionAnErrorHandlerThatThrowsIsIgnored() {
        Topology t = topology(3);
        publish(t, 2);
        ErrorHandler throwing = new ErrorHandler() {
            @Override
            public void messageFailed(MessageOutcome outcome) {
                throw new IllegalStateException("handler bug");
            }
        };
        started(consumerBuilder(source(t), processor((n, c) -> {
            if (n.n() == 0) {
                throw new PermanentFailureException("bad");
            }
            return n;
        }).build()).errorHandler(throwing));
        await("1 row", () -> sink.count() == 1);
        assertThat(deadLetters(t, 1)).hasSize(1);
    }

    @Test
    public void supervisionAnEmptyQueueWithoutLongPollIsNotPolledInABusyLoop() {
        Topology t = topology(3);
        CountingSource source = new CountingSource(source(t));
        started(consumerBuilder(source, processor(MessageHandler.store()).build()).waitTime(Duration.ZERO)
                .emptyReceiveBackoff(Duration.ofSeconds(1)));
        await("first receive", () -> source.receives() >= 1);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(source.receives()).as("one receive per backoff, not a spin").isLessThanOrEqualTo(virtual() ? 1 : 2);
        if (virtual()) {
            advanceTime(Duration.ofSeconds(1));
            await("next receive after the backoff", () -> source.receives() == 2);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    public void lifecycleStopAbortsALongPollWithinOneSecond() {
        Topology t = topology(3);
        CountingSource source = new CountingSource(source(t));
        MessageConsumer c = started(consumerBuilder(source, processor(MessageHandler.store()).build()).waitTime(Duration.ofSeconds(20)));
        await("long poll under way", () -> source.receives() >= 1);
        long started = System.nanoTime();
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(c.isRunning()).isFalse();
    }

    @Test
    public void lifecycleStopFinishesTheBatchUnderWay() throws InterruptedException {
        Topology t = topology(3);
        publish(t, 1);
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageConsumer c = started(consumerBuilder(source(t), processor((n, ctx) -> {
            inHandler.countDown();
            release.await();
            return n;
        }).build()));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> c.stop(Duration.ofSeconds(10)));
        stopper.start();
        release.countDown();
        stopper.join(10_000);
        assertThat(sink.count()).isEqualTo(1);
        assertThat(poller().strays(source(t))).as("acknowledged before the stop returned").isEmpty();
    }

    @Test
    public void lifecycleStartStopStartLeaksNoThread() {
        Topology t = topology(3);
        publish(t, 20);
        String prefix = "msgflow-";
        Set<String> before = liveThreads(prefix);
        MessageConsumer c = consumerBuilder(source(t), processor(MessageHandler.store()).build()).pollers(2).build();
        consumers.add(c);
        c.start();
        await("20 rows", () -> sink.count() == 20);
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        c.start();
        publish(t, 5);
        await("25 rows", () -> sink.count() == 25);
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        await("no thread left", () -> liveThreads(prefix).stream().allMatch(before::contains));
    }

    @Test
    public void lifecycleStopBeforeStartAndTwiceIsHarmless() {
        Topology t = topology(3);
        MessageConsumer c = consumerBuilder(source(t), processor(MessageHandler.store()).build()).build();
        assertThat(c.stop(Duration.ofSeconds(1))).isTrue();
        c.start();
        c.start();
        assertThat(c.isRunning()).isTrue();
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(c.activePollers()).isZero();
    }

    @Test
    public void lifecycleAStoppedConsumerLeavesNewMessagesOnTheQueue() {
        Topology t = topology(3);
        MessageConsumer c = started(consumerBuilder(source(t), processor(MessageHandler.store()).build()));
        assertThat(c.stop(Duration.ofSeconds(5))).isTrue();
        publish(t, 2);
        assertThat(poller().await(source(t), 2, 10)).hasSize(2);
        assertThat(sink.count()).isZero();
    }

    // ---------------------------------------------------------------- adaptive concurrency

    @Test
    public void concurrencyPollersScaleUpWhileReceivesComeBackFull() {
        Topology t = topology(3);
        publish(t, 100);
        CountDownLatch release = new CountDownLatch(1);
        MessageConsumer c = started(consumerBuilder(source(t), processor((n, ctx) -> {
            release.await();
            return n;
        }).build()).pollers(1).maxPollers(4));
        await("4 pollers", () -> c.activePollers() == 4);
        release.countDown();
        await("100 rows", () -> sink.count() == 100);
        assertThat(c.activePollers()).isLessThanOrEqualTo(4);
    }

    @Test
    public void concurrencyPollersScaleDownWhenReceivesComeBackEmpty() {
        Topology t = topology(3);
        publish(t, 100);
        MessageConsumer c = started(consumerBuilder(source(t), processor(MessageHandler.store()).build())
                .pollers(1).maxPollers(4).waitTime(Duration.ZERO).emptyReceiveBackoff(Duration.ofMillis(10)));
        await("100 rows", () -> sink.count() == 100);
        await("back to 1 poller", () -> {
            if (virtual()) {
                advanceTime(Duration.ofMillis(10));
            }
            return c.activePollers() == 1;
        });
    }

    @Test
    public void concurrencyNeverMoreThanMaxPollers() {
        Topology t = topology(3);
        publish(t, 60);
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        started(consumerBuilder(source(t), processor((n, ctx) -> {
            most.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            inHandler.decrementAndGet();
            return n;
        }).build()).batchSize(1).maxPollers(3));
        await("60 rows", () -> sink.count() == 60);
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    public void concurrencyDefaultsAreOnePollerGrowingToTen() {
        Topology t = topology(3);
        MessageConsumer.Settings s = MessageConsumer.builder(source(t), processor(MessageHandler.store()).build()).build().settings();
        assertThat(s.pollers()).isEqualTo(1);
        assertThat(s.maxPollers()).isEqualTo(10);
        assertThat(s.batchSize()).isEqualTo(10);
        assertThat(s.visibilityTimeout()).as("from the source's declaration").isEqualTo(Duration.ofSeconds(virtual() ? 30 : 5));
    }

    // ---------------------------------------------------------------- FIFO

    @Test
    public void fifoAFailureHandsBackTheRestOfItsGroupAndOtherGroupsGoOn() {
        assume(TransportFeature.FIFO);
        String fifo = queueName() + ".fifo";
        Topology t = Topology.builder("kit-c-" + suffix + ".fifo").queue(QueueSpec.builder(fifo)
                .visibilityTimeout(Duration.ofSeconds(virtual() ? 30 : 5)).contentBasedDeduplication(true)
                        .deadLetterQueue(queueName() + "-dlq.fifo", 5).build())
                .queue(QueueSpec.builder(queueName() + "-dlq.fifo").contentBasedDeduplication(true).build()).routeType("notification", fifo).build();
        transport().provision(t);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(codec.encode(new Note(i, "a")).toBuilder().groupId("a").build());
            messages.add(codec.encode(new Note(10 + i, "b")).toBuilder().groupId("b").build());
        }
        assertThat(transport().queueSender(t, fifo).publishAll(messages).allSucceeded()).isTrue();
        List<ReceivedMessage> batch = poller().firstBatch(transport().source(t, fifo), 10);
        assertThat(batch).as("a FIFO receive starts each group with its first message")
                .anySatisfy(m -> assertThat(m.body()).contains("\"n\":0,"));
        MessageProcessor p = processor((n, c) -> {
            if (n.n() == 0) {
                throw new IllegalStateException("first of a fails");
            }
            return n;
        }).retryPolicy(RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).build()).build();
        BatchResult result = SettlementEngine.of(p, transport().source(t, fifo), SettlementEngine.Mode.SETTLE_ALL).run(batch);
        long aHandedBack = result.of(Kind.HANDED_BACK).stream().filter(o -> o.message().groupId().orElse("").equals("a")).count();
        assertThat(result.count(Kind.RETRY)).isEqualTo(1);
        assertThat(aHandedBack).isEqualTo(batch.stream().filter(m -> m.groupId().orElse("").equals("a")).count() - 1);
        assertThat(result.acked()).allSatisfy(m -> assertThat(m.groupId()).contains("b"));
    }

    /** The reason attribute's name, kept short for the assertions above. */
    private static final class MessageSourceAttributes {
        static final String REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;
    }
}
