package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.processing.MessageHandler;
import io.msgflow.scenarios.OrderService.PaymentReceived;
import io.msgflow.test.FlowHarness;
import io.msgflow.test.TrafficEvent;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BadInputTest {

    @Test
    void badPaymentsAreDeadLetteredAtOnceWithTheReasonAndTheRestIsProcessed() {
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("payments", p -> p.on(PaymentReceived.class, (payment, context) -> OrderService.checked(payment)))
                .build()) {
            harness.publish(Message.of("payment_received", "{\"orderId\": \"o-1\", \"amount\": "));      // cut off
            harness.publish(new PaymentReceived("o-2", BigDecimal.valueOf(-5)));                        // breaks a rule
            harness.publish(new PaymentReceived("o-3", BigDecimal.TEN));                                 // fine

            harness.runUntilIdle();

            assertThat(harness.deadLettered(PaymentReceived.class)).allSatisfy(dead -> assertThat(dead.attempts()).isEqualTo(1))
                    .extracting(dead -> dead.payload() == null ? "undecodable" : dead.reason())
                    .containsExactly("undecodable", "payment for o-2 must be positive, but was -5");
            assertThat(harness.consumed(PaymentReceived.class)).containsExactly(new PaymentReceived("o-3", BigDecimal.TEN));
            assertThat(harness.retried()).isEmpty();
        }
    }

    @Test
    void aTypeNobodyHandlesIsDeadLetteredNamingTheTypesThatAreKnown() {
        Topology everythingToPayments = Topology.builder("orders").queue(TOPOLOGY.requireQueue("payments"))
                .route(Route.toQueue("payments")).build();
        try (FlowHarness harness = FlowHarness.builder(everythingToPayments, CODEC)
                .process("payments", p -> p.on(PaymentReceived.class, MessageHandler.store()))
                .build()) {
            harness.publish(Message.of("refund_requested", "{\"orderId\":\"o-1\"}"));

            harness.runUntilIdle();

            assertThat(harness.deadLettered()).singleElement().extracting(TrafficEvent.DeadLettered::reason).asString()
                    .contains("unknown message type 'refund_requested'").contains("payment_received");
        }
    }
}
