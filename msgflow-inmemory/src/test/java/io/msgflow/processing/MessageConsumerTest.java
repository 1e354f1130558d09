package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.inmemory.TestScheduler;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long-polling consumer on the in-memory transport, on virtual time; its contract is
 * {@code ConsumerCompatibilityKit} (see {@link InMemoryConsumerCompatibilityTest}), these are the
 * scenarios of the in-memory emulator itself.
 */
class MessageConsumerTest {
    record Notification(int n) {
    }

    private final MessageCodec codec = MessageCodec.builder().register(Notification.class).build();
    private final Topology topology = Topology.builder("events")
            .queue(QueueSpec.builder("notifications").visibilityTimeout(Duration.ofSeconds(30))
                    .deadLetterQueue("notifications-dlq", 3).build())
            .routeType("notification", "notifications")
            .build();
    private final TestClock clock = TestClock.create();
    private final TestScheduler scheduler = TestScheduler.on(clock);
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final InMemorySink sink = new InMemorySink();
    private MessageConsumer consumer;

    MessageConsumerTest() {
        transport.provision(topology);
    }

    @AfterEach
    void tearDown() {
        if (consumer != null) {
            consumer.stop(Duration.ofSeconds(5));
        }
        scheduler.close();
        transport.close();
    }

    private MessageSource source() {
        return transport.source(topology, "notifications");
    }

    private void publish(int count) {
        assertThat(transport.publisher(topology).publishAll(IntStream.range(0, count).mapToObj(i -> codec.encode(new Notification(i)))
                .toList()).allSucceeded()).isTrue();
    }

    @Test
    void aCrashAfterTheCommitAndBeforeTheAckLeavesOneRow() {
        publish(3);
        MessageProcessor processor = MessageProcessor.builder(codec).clock(clock).sink(sink).on(Notification.class, MessageHandler.store())
                .build();
        var firstDelivery = source().receive(10, Duration.ZERO);
        assertThat(firstDelivery).hasSize(3);
        processor.process(firstDelivery);
        // crash: the sink committed, nothing was acknowledged; the messages come back after 30 s
        assertThat(sink.count()).isEqualTo(3);
        consumer = MessageConsumer.builder(source(), processor).clock(clock).scheduler(scheduler).build();
        consumer.start();
        clock.advance(Duration.ofSeconds(31));
        transport.await(Duration.ofSeconds(10), () -> transport.queueDepth("notifications") == 0
                && transport.inFlight("notifications") == 0);
        assertThat(sink.count()).isEqualTo(3);
    }

    @Test
    void twoThousandMessagesLandOnceWithAdaptivePollers() {
        publish(2_000);
        MessageProcessor processor = MessageProcessor.builder(codec).clock(clock).sink(sink).on(Notification.class, MessageHandler.store())
                .build();
        consumer = MessageConsumer.builder(source(), processor).clock(clock).scheduler(scheduler).maxPollers(4).build();
        consumer.start();
        transport.await(Duration.ofSeconds(30), () -> sink.count() == 2_000
                && transport.queueDepth("notifications") == 0 && transport.inFlight("notifications") == 0);
        assertThat(sink.rows("notification")).hasSize(2_000);
        assertThat(transport.queueDepth("notifications-dlq")).isZero();
    }
}
