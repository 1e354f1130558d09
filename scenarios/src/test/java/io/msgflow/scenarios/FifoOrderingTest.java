package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.processing.RetryPolicy;
import io.msgflow.scenarios.OrderService.OrderShipped;
import io.msgflow.test.FlowHarness;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FifoOrderingTest {
    private static final Topology FIFO = Topology.builder("shipments.fifo").codec(CODEC)
            .queue(QueueSpec.builder("shipments.fifo").deadLetterQueue("shipments-dlq.fifo", 5).build())
            .routeType(OrderShipped.class, "shipments.fifo")
            .build();

    @Test
    void eventsOfOneOrderAreHandledInOrderEvenAcrossARetry() {
        List<String> handled = new ArrayList<>();
        try (FlowHarness harness = FlowHarness.builder(FIFO, CODEC)
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofSeconds(5)).build())
                .process("shipments.fifo", p -> p.on(OrderShipped.class, (shipment, context) -> {
                    if (shipment.carrier().equals("leg-2") && context.receiveCount() == 1) {
                        throw new IllegalStateException("tracking service timeout");
                    }
                    handled.add(shipment.orderId() + "/" + shipment.carrier());
                    return shipment;
                }))
                .build()) {
            for (String leg : List.of("leg-1", "leg-2", "leg-3")) {
                harness.publish(new OrderShipped("o-1", leg), m -> m.groupId("o-1").deduplicationId("o-1-" + leg));
                harness.publish(new OrderShipped("o-2", leg), m -> m.groupId("o-2").deduplicationId("o-2-" + leg));
            }

            harness.runUntilIdle();

            assertThat(handled).filteredOn(h -> h.startsWith("o-1")).containsExactly("o-1/leg-1", "o-1/leg-2", "o-1/leg-3");
            assertThat(handled).filteredOn(h -> h.startsWith("o-2")).containsExactly("o-2/leg-1", "o-2/leg-2", "o-2/leg-3");
        }
    }

    @Test
    void aRepeatedPublishWithinFiveMinutesIsAcceptedOnceAndAnswersWithTheOriginalId() {
        try (FlowHarness harness = FlowHarness.builder(FIFO, CODEC)
                .process("shipments.fifo", p -> p.on(OrderShipped.class, (shipment, context) -> shipment))
                .build()) {
            PublishReceipt first = harness.publish(new OrderShipped("o-1", "ups"), m -> m.groupId("o-1").deduplicationId("ship-o-1"));
            harness.advance(Duration.ofMinutes(4));
            PublishReceipt again = harness.publish(new OrderShipped("o-1", "ups"), m -> m.groupId("o-1").deduplicationId("ship-o-1"));

            harness.runUntilIdle();

            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(harness.consumed(OrderShipped.class)).hasSize(1);
        }
    }
}
