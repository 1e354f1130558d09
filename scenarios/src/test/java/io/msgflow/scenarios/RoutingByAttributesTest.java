package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static io.msgflow.scenarios.OrderService.order;
import static io.msgflow.scenarios.OrderService.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.processing.MessageHandler;
import io.msgflow.scenarios.OrderService.OrderPlaced;
import io.msgflow.test.FlowHarness;
import io.msgflow.test.TrafficEvent;
import org.junit.jupiter.api.Test;

class RoutingByAttributesTest {

    @Test
    void onlyBigOrdersFromTheEuGoToFraudReview() {
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("orders", p -> p.on(OrderPlaced.class, MessageHandler.store()))
                .process("fraud-review", p -> p.on(OrderPlaced.class, MessageHandler.of(order -> { })))
                .build()) {
            harness.publish(placed(order("big-eu", "eu-west-1", 1500)));
            harness.publish(placed(order("edge-eu", "eu-central-1", 1000)));
            harness.publish(placed(order("small-eu", "eu-west-1", 999)));
            harness.publish(placed(order("big-us", "us-east-1", 5000)));

            harness.runUntilIdle();

            assertThat(ordersDeliveredTo(harness, "fraud-review")).containsExactly("big-eu", "edge-eu");
            assertThat(ordersDeliveredTo(harness, "orders")).containsExactly("big-eu", "edge-eu", "small-eu", "big-us");
        }
    }

    @Test
    void anOrderPublishedWithoutItsRoutingAttributesSkipsReview() {
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("fraud-review", p -> p.on(OrderPlaced.class, MessageHandler.of(order -> { })))
                .build()) {
            harness.publish(order("no-attributes", "eu-west-1", 5000));   // encoded without attributes

            harness.runUntilIdle();

            assertThat(ordersDeliveredTo(harness, "fraud-review")).isEmpty();
            assertThat(harness.transport().queueDepth("orders")).isEqualTo(1);
        }
    }

    private static java.util.List<String> ordersDeliveredTo(FlowHarness harness, String queue) {
        return harness.delivered().stream().map(TrafficEvent.Delivered::delivery).filter(d -> d.queue().equals(queue))
                .map(d -> ((OrderPlaced) CODEC.decode("order_placed", d.body())).orderId()).toList();
    }
}
