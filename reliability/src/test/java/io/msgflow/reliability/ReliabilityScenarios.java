package io.msgflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.processing.MessageConsumer;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.reliability.Payloads.CriticalAlert;
import io.msgflow.reliability.Payloads.Notification;
import io.msgflow.reliability.TotalQueueCheck.DeadLetterEntry;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The reliability scenarios, written once and run on every {@link Setup}: crashes just after and
 * just before the sink's commit, the database down mid-stream and back, duplicate deliveries,
 * poison messages, and many messages through concurrent consumers. Each ends with the
 * {@link TotalQueueCheck}: every published message exactly once in the sink or in the
 * dead-letter queue with a reason.
 *
 * <p>Each test has a topology of its own: one topic whose filter policy routes both message types
 * to one work queue, redriven to a dead-letter queue after {@code maxReceiveCount} receives;
 * the processor's retry policy has as many attempts, so it dead-letters a message with its reason
 * before the queue's redrive would.
 */
abstract class ReliabilityScenarios {
    private static final int MAX_RECEIVES = 5;
    private static final int OUTAGE_MAX_RECEIVES = 10;
    private static final int CRASHED_BATCHES = 3;
    private static final int LOST_CONNECTIONS = 2;
    private static final int POISON_OF_EACH_KIND = 3;
    /** How long a scenario may take to settle; the soak's ten times the messages get ten times as long. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3L * Scale.current().factor());
    private static final int EMPTY_CHECKS = 3;

    private Setup setup;
    private RecordingSink sink;
    private String work;
    private String deadLetterQueue;
    private String topic;
    private Topology topology;
    private final List<String> publishedIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger processed = new AtomicInteger();
    private int emptyChecks;
    private String scenario;
    private long started;

    /** A fresh setup for one test; closed after it. */
    protected abstract Setup newSetup();

    @BeforeEach
    void open(TestInfo test) {
        scenario = getClass().getSimpleName() + "." + test.getTestMethod().map(m -> m.getName()).orElse("?");
        started = System.nanoTime();
        setup = newSetup();
        sink = new RecordingSink(setup.sink());
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "reliability-" + run;
        work = "work-" + run;
        deadLetterQueue = work + "-dlq";
    }

    @AfterEach
    void close() {
        setup.close();
    }

    @Test
    void aCrashAfterTheSinksCommitAndBeforeTheAckLeavesEveryMessageOnceInTheSink() {
        provision(MAX_RECEIVES);
        publish(Payloads.messages(0, setup.messages()));
        MessageSource source = source();
        sink.crashAfterCommit(CRASHED_BATCHES);
        int crashed = 0;
        for (int i = 0; i < CRASHED_BATCHES; i++) {
            List<ReceivedMessage> batch = receiveSome(source);
            // the process dies between the commit and the settlement: nothing of this batch is settled
            assertThat(processor(immediateRetries()).process(batch).outcomes())
                    .allSatisfy(o -> assertThat(o.reason()).contains("SimulatedCrash"));
            crashed += batch.size();
        }
        assertThat(setup.sinkCount()).as("rows committed before the crashes").isEqualTo(crashed);

        setup.passTime(setup.visibilityTimeout().plusMillis(500));
        drive(processor(immediateRetries()));

        checkTotals(Map.of());
        assertThat(sink.duplicates()).as("redeliveries of committed messages that the sink absorbed").isGreaterThanOrEqualTo(crashed);
    }

    @Test
    void aCrashOrALostConnectionBeforeTheCommitKeepsNothingAndTheRedeliveryWritesOnce() {
        provision(MAX_RECEIVES);
        publish(Payloads.messages(0, setup.messages()));
        MessageSource source = source();
        sink.crashBeforeCommit(CRASHED_BATCHES);
        for (int i = 0; i < CRASHED_BATCHES; i++) {
            List<ReceivedMessage> batch = receiveSome(source);
            assertThat(processor(immediateRetries()).process(batch).outcomes())
                    .allSatisfy(o -> assertThat(o.reason()).contains("SimulatedCrash"));
        }
        assertThat(setup.sinkCount()).as("rows committed by crashed writes").isZero();

        setup.failNextWrites(LOST_CONNECTIONS);
        drive(processor(immediateRetries()));

        checkTotals(Map.of());
        assertThat(sink.failures()).as("writes that lost their connection before the commit").isEqualTo(LOST_CONNECTIONS);
        assertThat(sink.duplicates()).as("records found already written: a failed write must have kept nothing").isZero();
    }

    @Test
    void theDatabaseDownMidStreamAndBackLosesNothingAndDuplicatesNothing() {
        provision(OUTAGE_MAX_RECEIVES);
        int count = setup.messages();
        RetryPolicy backoff = RetryPolicy.builder().initialDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(2))
                .jitter(RetryPolicy.Jitter.NONE).maxAttempts(OUTAGE_MAX_RECEIVES).build();
        MessageConsumer consumer = consumer(processor(backoff), 2);
        try {
            publish(Payloads.messages(0, count / 2));
            consumer.start();
            setup.await("a quarter of the messages in the sink", SETTLE_TIMEOUT, () -> setup.sinkCount() >= count / 4);
            setup.stopDatabase();
            publish(Payloads.messages(count / 2, count - count / 2));
            setup.await("three writes failing while the database is down", SETTLE_TIMEOUT, () -> sink.failures() >= 3);
            setup.startDatabase();
            setup.await("every message settled", SETTLE_TIMEOUT, () -> settled(count));
        } finally {
            assertThat(consumer.stop(Duration.ofSeconds(30))).as("the consumer stopped").isTrue();
        }
        checkTotals(Map.of());
    }

    @Test
    void duplicateDeliveriesAreWrittenOnce() {
        provision(MAX_RECEIVES);
        List<Message> messages = Payloads.messages(0, setup.messages());
        publish(messages);
        List<Message> republished = everyNth(messages, 4);
        publish(republished);
        List<Message> resent = everyNth(messages, 5);
        PublishResult sent = setup.transport().queueSender(topology, work).publishAll(resent);
        assertThat(sent.failed()).isEmpty();

        drive(processor(immediateRetries()));

        checkTotals(Map.of());
        assertThat(processed).as("deliveries handled, duplicates included")
                .hasValueGreaterThanOrEqualTo(messages.size() + republished.size() + resent.size());
    }

    @Test
    void poisonMessagesEndOnTheDeadLetterQueueWithTheirReasonAndTheRestInTheSink() {
        provision(MAX_RECEIVES);
        Map<Message, String> poison = new LinkedHashMap<>();
        for (int i = 0; i < POISON_OF_EACH_KIND; i++) {
            poison.put(Message.builder().type("notification").body("{\"n\":\"seven\",\"text\":\"not a number\"}").build(),
                    "body is not valid JSON for type 'notification'");
            poison.put(Message.builder().type("critical_alert").body("<alert>not JSON</alert>").build(),
                    "body is not valid JSON for type 'critical_alert'");
            poison.put(Payloads.CODEC.encode(new Notification(-i, Payloads.REFUSED_BY_HANDLER)),
                    "failed on all " + MAX_RECEIVES + " attempts; last failure: IllegalStateException: downstream refuses notification");
            poison.put(Payloads.CODEC.encode(new CriticalAlert(-i, "holds \u0000, which a jsonb column cannot store")),
                    "sink refused the record");
        }
        List<Message> good = Payloads.messages(0, setup.messages());
        List<Message> all = new ArrayList<>(good.subList(0, good.size() / 2));
        all.addAll(poison.keySet());
        all.addAll(good.subList(good.size() / 2, good.size()));
        publish(all);
        List<Message> unknownTypes = new ArrayList<>();
        for (int i = 0; i < POISON_OF_EACH_KIND; i++) {
            Message unknown = Message.builder().type("invoice").body("{\"total\":" + i + "}").build();
            unknownTypes.add(unknown);
            poison.put(unknown, "unknown message type 'invoice'");
        }
        assertThat(setup.transport().queueSender(topology, work).publishAll(unknownTypes).failed()).isEmpty();
        publishedIds.addAll(ids(unknownTypes));

        drive(processor(immediateRetries()));

        Map<String, String> expectedDead = new LinkedHashMap<>();
        poison.forEach((message, reason) -> expectedDead.put(message.id(), reason));
        checkTotals(expectedDead);
    }

    @Test
    void manyMessagesThroughConcurrentConsumersLandOnceEach() throws Exception {
        provision(MAX_RECEIVES);
        List<Message> messages = Payloads.messages(0, setup.concurrentMessages());
        MessageProcessor processor = processor(immediateRetries());
        List<MessageConsumer> consumers = List.of(consumer(processor, 3), consumer(processor, 3));
        try {
            consumers.forEach(MessageConsumer::start);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(messages));
            publishing.get(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            setup.await("every message settled", SETTLE_TIMEOUT, () -> settled(messages.size()));
        } finally {
            for (MessageConsumer c : consumers) {
                assertThat(c.stop(Duration.ofSeconds(30))).as("a consumer stopped").isTrue();
            }
        }
        checkTotals(Map.of());
        assertThat(processed).as("deliveries handled").hasValueGreaterThanOrEqualTo(messages.size());
    }

    private void provision(int maxReceives) {
        topology = Topology.builder(topic)
                .queue(QueueSpec.builder(work).visibilityTimeout(setup.visibilityTimeout()).deadLetterQueue(deadLetterQueue, maxReceives).build())
                .queue(deadLetterQueue)
                .routeTypes(work, "notification", "critical_alert")
                .build();
        setup.transport().provision(topology);
    }

    private void publish(List<Message> messages) {
        PublishResult result = setup.transport().publisher(topology).publishAll(messages);
        assertThat(result.failed()).as("messages the topic refused").isEmpty();
        publishedIds.addAll(ids(messages));
    }

    private MessageSource source() {
        return setup.transport().source(topology, work);
    }

    private RetryPolicy immediateRetries() {
        return RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).maxAttempts(MAX_RECEIVES).build();
    }

    private MessageProcessor processor(RetryPolicy retryPolicy) {
        return MessageProcessor.builder(Payloads.CODEC)
                .sink(sink)
                .retryPolicy(retryPolicy)
                .listener(new ProcessingListener() {
                    @Override
                    public void processed(ReceivedMessage message, Duration latency) {
                        processed.incrementAndGet();
                    }
                })
                .on(Notification.class, (notification, context) -> {
                    if (Payloads.REFUSED_BY_HANDLER.equals(notification.text())) {
                        throw new IllegalStateException("downstream refuses notification " + notification.n());
                    }
                    return notification;
                })
                .on(CriticalAlert.class, MessageHandler.store())
                .build();
    }

    private MessageConsumer consumer(MessageProcessor processor, int pollers) {
        return MessageConsumer.builder(source(), processor).pollers(pollers).waitTime(setup.consumerWait())
                .queue(topology.requireQueue(work)).build();
    }

    /** Receives until a batch comes; the scenario's first receives must find messages. */
    private List<ReceivedMessage> receiveSome(MessageSource source) {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<ReceivedMessage> batch = source.receive(10, setup.receiveWait().plusSeconds(1));
            if (!batch.isEmpty()) {
                return batch;
            }
        }
        throw new AssertionError("queue '" + work + "' gave no message in 10 receives");
    }

    /** Receives, processes and settles on this thread, as a poller does, until every published message is settled. */
    private void drive(MessageProcessor processor) {
        MessageSource source = source();
        int expected = distinctPublished();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedMessage> batch = source.receive(10, setup.receiveWait());
            if (!batch.isEmpty()) {
                processor.processAndSettle(batch, source);
            } else if (settled(expected)) {
                return;
            } else {
                setup.idle();
            }
        }
    }

    /**
     * Whether nothing is left to process: the work queue is empty (no message visible, in flight
     * or delayed) and every message is accounted for, or the queue stayed empty over a few checks,
     * when waiting longer cannot help (the total-queue check then names what is missing).
     */
    private boolean settled(int expected) {
        if (setup.messagesOn(work) != 0) {
            emptyChecks = 0;
            return false;
        }
        return setup.sinkCount() + setup.messagesOn(deadLetterQueue) >= expected || ++emptyChecks >= EMPTY_CHECKS;
    }

    private int distinctPublished() {
        return (int) publishedIds.stream().distinct().count();
    }

    private void checkTotals(Map<String, String> expectedDead) {
        List<DeadLetterEntry> deadLetters = drainDeadLetters();
        System.out.printf("%s: %d ids published, %d deliveries handled, %d rows, %d dead letters; sink: %d failed writes,"
                + " %d duplicates absorbed; %d ms%n", scenario, distinctPublished(), processed.get(), setup.sinkCount(), deadLetters.size(),
                sink.failures(), sink.duplicates(), (System.nanoTime() - started) / 1_000_000);
        TotalQueueCheck.of(publishedIds)
                .sinkRows(setup.sinkRows())
                .writtenReports(sink.writtenReports())
                .deadLetters(deadLetters)
                .expectDeadLettered(expectedDead)
                .leftOnQueue(setup.messagesOn(work))
                .verify();
    }

    /** Everything on the dead-letter queue with its recorded reason, received and deleted. */
    private List<DeadLetterEntry> drainDeadLetters() {
        MessageSource source = setup.transport().source(topology, deadLetterQueue);
        List<DeadLetterEntry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedMessage> batch = source.receive(10, setup.receiveWait());
            if (batch.isEmpty()) {
                if (setup.messagesOn(deadLetterQueue) == 0) {
                    return entries;
                }
                setup.idle();
                continue;
            }
            batch.forEach(m -> entries.add(new DeadLetterEntry(m.id(), reasonOf(m))));
            assertThat(source.acknowledge(batch).failed()).as("deletes on the dead-letter queue").isEmpty();
        }
        throw new AssertionError("dead-letter queue '" + deadLetterQueue + "' was not drained within " + SETTLE_TIMEOUT);
    }

    private static String reasonOf(ReceivedMessage deadLetter) {
        MessageAttribute reason = deadLetter.attributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE);
        return reason == null ? null : reason.stringValue();
    }

    /** The ids of messages, to record them in one go: adding one by one would copy the whole list each time. */
    private static List<String> ids(List<Message> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        messages.forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static List<Message> everyNth(List<Message> messages, int n) {
        List<Message> picked = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += n) {
            picked.add(messages.get(i));
        }
        return picked;
    }
}
