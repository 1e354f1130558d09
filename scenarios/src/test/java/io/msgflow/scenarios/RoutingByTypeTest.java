package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static io.msgflow.scenarios.OrderService.order;
import static io.msgflow.test.FlowAssertions.assertThat;

import io.msgflow.processing.MessageHandler;
import io.msgflow.scenarios.OrderService.OrderPlaced;
import io.msgflow.scenarios.OrderService.OrderShipped;
import io.msgflow.scenarios.OrderService.PaymentReceived;
import io.msgflow.test.FlowHarness;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RoutingByTypeTest {

    @Test
    void eachTypeReachesItsOwnQueueAndLandsInTheSink() {
        // snippet:first-test
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("orders", p -> p.on(OrderPlaced.class, MessageHandler.store()))
                .process("payments", p -> p.on(PaymentReceived.class, MessageHandler.store()))
                .process("shipments", p -> p.on(OrderShipped.class, MessageHandler.store()))
                .build()) {
            harness.publishAll(order("o-1", "us-east-1", 30),
                    new PaymentReceived("o-1", BigDecimal.valueOf(30)),
                    new OrderShipped("o-1", "ups"));

            harness.runUntilIdle();

            assertThat(harness).consumed(OrderPlaced.class).containsExactly(order("o-1", "us-east-1", 30));
            assertThat(harness).consumed(PaymentReceived.class).containsExactly(new PaymentReceived("o-1", BigDecimal.valueOf(30)));
            assertThat(harness).stored(OrderShipped.class).containsExactly(new OrderShipped("o-1", "ups"));
            assertThat(harness).hasNoDeadLetters().hasNoRetries().isIdle();
        }
        // end-snippet
    }
}
