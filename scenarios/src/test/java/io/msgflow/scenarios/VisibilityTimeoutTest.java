package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.TestClock;
import io.msgflow.scenarios.OrderService.OrderShipped;
import io.msgflow.test.FlowHarness;
import io.msgflow.test.TrafficEvent;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VisibilityTimeoutTest {

    @Test
    void aHandlerSlowerThanTheVisibilityTimeoutLosesItsMessageToAnotherWorkerAndTheSinkKeepsOneRow() {
        TestClock clock = TestClock.create();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<MessageSource> otherWorker = new AtomicReference<>();
        InMemorySink sink = new InMemorySink();
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC).clock(clock).sink(sink)
                .process("shipments", p -> p.on(OrderShipped.class, (shipment, context) -> {
                    if (calls.incrementAndGet() == 1) {
                        clock.advance(Duration.ofSeconds(45));   // the carrier API took 45 s; visibility is 30 s
                        otherWorker.get().receive(10, Duration.ZERO);   // meanwhile another worker took it, then crashed
                    }
                    return shipment;
                }))
                .build()) {
            otherWorker.set(harness.source("shipments"));
            harness.publish(new OrderShipped("o-1", "dhl"));

            harness.runUntilIdle();

            assertThat(calls).hasValue(2);
            assertThat(harness.traffic()).filteredOn(TrafficEvent.SettleFailed.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((TrafficEvent.SettleFailed) e).code()).isEqualTo("ReceiptHandleIsInvalid"));
            assertThat(harness.consumed(OrderShipped.class)).hasSize(1);
            assertThat(sink.rows("order_shipped")).hasSize(1);
        }
    }

    @Test
    void aSlowHandlerStillDeletesItsMessageWhenNobodyReceivedItMeanwhile() {
        TestClock clock = TestClock.create();
        AtomicInteger calls = new AtomicInteger();
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC).clock(clock)
                .process("shipments", p -> p.on(OrderShipped.class, (shipment, context) -> {
                    calls.incrementAndGet();
                    clock.advance(Duration.ofSeconds(45));   // past the 30 s visibility timeout
                    return shipment;
                }))
                .build()) {
            harness.publish(new OrderShipped("o-1", "dhl"));

            harness.runUntilIdle();

            assertThat(calls).as("SQS deletes by the most recent receipt handle, even after it lapsed").hasValue(1);
            assertThat(harness.traffic()).noneMatch(TrafficEvent.SettleFailed.class::isInstance);
        }
    }

    @Test
    void aConsumerThatCrashesBeforeAcknowledgingIsReplacedByTheNextDelivery() {
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("shipments", p -> p.on(OrderShipped.class, (shipment, context) -> shipment))
                .build()) {
            harness.publish(new OrderShipped("o-1", "dhl"));
            MessageSource crashed = harness.source("shipments");
            assertThat(crashed.receive(10, Duration.ZERO)).hasSize(1);   // received, never acknowledged

            Duration waited = harness.runUntilIdle();

            assertThat(waited).isEqualTo(Duration.ofSeconds(30));
            assertThat(harness.delivered()).extracting(d -> d.delivery().receiveCount()).containsExactly(1, 2);
            assertThat(harness.consumed(OrderShipped.class)).hasSize(1);
        }
    }
}
