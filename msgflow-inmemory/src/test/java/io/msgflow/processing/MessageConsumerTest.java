package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The long-polling consumer on the in-memory transport, in real time with short timeouts. */
class MessageConsumerTest {
    record Notification(int n) {
    }

    private final MessageCodec codec = MessageCodec.builder().register(Notification.class).build();
    private final Topology topology = Topology.builder("events")
            .queue(QueueSpec.builder("notifications").visibilityTimeout(Duration.ofSeconds(1))
                    .deadLetterQueue("notifications-dlq", 3).build())
            .routeType("notification", "notifications")
            .build();
    private final InMemoryTransport transport = InMemoryTransport.create();
    private final InMemorySink sink = new InMemorySink();
    private final List<MessageConsumer> consumers = new ArrayList<>();

    MessageConsumerTest() {
        transport.provision(topology);
    }

    @AfterEach
    void tearDown() {
        consumers.forEach(c -> c.stop(Duration.ofSeconds(5)));
        transport.close();
    }

    private MessageSource source() {
        return transport.source(topology, "notifications");
    }

    private MessageConsumer consumer(MessageProcessor processor, int pollers) {
        MessageConsumer c = MessageConsumer.builder(source(), processor).pollers(pollers).waitTime(Duration.ofMillis(200))
                .queue(topology.requireQueue("notifications")).build();
        consumers.add(c);
        return c;
    }

    private void publish(int count) {
        MessagePublisher publisher = transport.publisher(topology);
        assertThat(publisher.publishAll(IntStream.range(0, count).mapToObj(i -> codec.encode(new Notification(i))).toList())
                .allSucceeded()).isTrue();
    }

    @Test
    void severalPollersWriteEveryMessageExactlyOnce() {
        publish(2_000);
        consumer(MessageProcessor.builder(codec).sink(sink).on(Notification.class, MessageHandler.store()).build(), 3).start();
        transport.await(Duration.ofSeconds(30), () -> sink.count() == 2_000
                && transport.queueDepth("notifications") == 0 && transport.inFlight("notifications") == 0);
        assertThat(sink.rows("notification")).hasSize(2_000);
        assertThat(transport.queueDepth("notifications-dlq")).isZero();
    }

    @Test
    void theHeartbeatKeepsASlowMessageInvisibleSoItIsHandledOnce() {
        AtomicInteger calls = new AtomicInteger();
        MessageProcessor slow = MessageProcessor.builder(codec).on(Notification.class, (n, ctx) -> {
            calls.incrementAndGet();
            Thread.sleep(2_500);
            return null;
        }).build();
        publish(1);
        consumer(slow, 2).start();
        transport.await(Duration.ofSeconds(10), () -> transport.inFlight("notifications") == 0
                && transport.queueDepth("notifications") == 0 && calls.get() >= 1);
        assertThat(calls).hasValue(1);
    }

    @Test
    void stopFinishesTheBatchInFlightAndARestartGoesOn() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        MessageProcessor processor = MessageProcessor.builder(codec).sink(sink).on(Notification.class, (n, ctx) -> {
            started.countDown();
            Thread.sleep(300);
            handled.add(n.n());
            return n;
        }).build();
        publish(1);
        MessageConsumer consumer = consumer(processor, 1);
        consumer.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(consumer.isRunning()).isFalse();
        assertThat(handled).containsExactly(0);
        assertThat(transport.queueDepth("notifications") + transport.inFlight("notifications")).isZero();

        publish(5);
        consumer.start();
        transport.await(Duration.ofSeconds(10), () -> sink.count() == 6);
        assertThat(sink.count()).isEqualTo(6);
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueWithItsReasonAfterItsAttempts() {
        MessageProcessor failing = MessageProcessor.builder(codec)
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).maxAttempts(3).build())
                .on(Notification.class, (n, ctx) -> {
                    throw new IllegalStateException("downstream rejects " + n.n());
                }).build();
        publish(1);
        consumer(failing, 1).start();
        transport.awaitDepth("notifications-dlq", 1, Duration.ofSeconds(10));
        QueuedMessage dead = transport.messages("notifications-dlq").get(0);
        assertThat(dead.deadLetterReason())
                .contains("failed on all 3 attempts; last failure: IllegalStateException: downstream rejects 0");
        assertThat(transport.queueDepth("notifications") + transport.inFlight("notifications")).isZero();
    }

    @Test
    void aCrashAfterTheCommitAndBeforeTheAckLeavesOneRow() {
        publish(3);
        MessageProcessor processor = MessageProcessor.builder(codec).sink(sink).on(Notification.class, MessageHandler.store()).build();
        MessageSource source = source();
        var firstDelivery = source.receive(10, Duration.ofSeconds(1));
        assertThat(firstDelivery).hasSize(3);
        processor.process(firstDelivery);
        // crash: the sink committed, nothing was acknowledged; the messages come back after 1 s
        assertThat(sink.count()).isEqualTo(3);
        consumer(processor, 1).start();
        transport.await(Duration.ofSeconds(10), () -> transport.queueDepth("notifications") == 0
                && transport.inFlight("notifications") == 0);
        assertThat(sink.count()).isEqualTo(3);
    }
}
