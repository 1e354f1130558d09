package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static io.msgflow.test.FlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.scenarios.OrderService.PaymentReceived;
import io.msgflow.test.FlowHarness;
import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RunningConsumerTest {

    @Test
    void aRunningConsumerDrainsTheQueueAndTheClockJumpsOverItsBackoff() {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        // snippet:consumer
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("payments", p -> p.on(PaymentReceived.class, (payment, context) -> {
                    if (payment.orderId().endsWith("7") && failedOnce.add(payment.orderId())) {
                        throw new IllegalStateException("ledger busy");
                    }
                    return payment;
                }))
                .build()) {
            harness.startConsumer("payments", consumer -> consumer.pollers(2).batchSize(5));
            for (int i = 0; i < 20; i++) {
                harness.publish(new PaymentReceived("o-" + i, BigDecimal.ONE));
            }

            harness.runUntilIdle();   // waits for the consumer threads, moves the clock over the backoff

            assertThat(harness).consumed(PaymentReceived.class).hasSize(20);
            assertThat(harness.retried()).hasSize(2);
            assertThat(harness).hasNoDeadLetters().isIdle();
        }
        // end-snippet
    }
}
