package io.msgflow.scenarios;

import static io.msgflow.scenarios.OrderService.CODEC;
import static io.msgflow.scenarios.OrderService.TOPOLOGY;
import static io.msgflow.test.FlowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.processing.RetryPolicy;
import io.msgflow.scenarios.OrderService.PaymentReceived;
import io.msgflow.test.FlowHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
    private static final RetryPolicy FOUR_TRIES = RetryPolicy.builder().maxAttempts(4).initialDelay(Duration.ofSeconds(30)).build();

    @Test
    void aTransientFailureIsRetriedWithBackoffOnVirtualTime() {
        AtomicInteger ledgerCalls = new AtomicInteger();
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC).retryPolicy(FOUR_TRIES)
                .process("payments", p -> p.on(PaymentReceived.class, (payment, context) -> {
                    if (ledgerCalls.incrementAndGet() < 3) {
                        throw new IllegalStateException("ledger unavailable");
                    }
                    return payment;
                }))
                .build()) {
            harness.publish(new PaymentReceived("o-1", BigDecimal.TEN));

            Duration waited = harness.runUntilIdle();

            assertThat(harness).consumed(PaymentReceived.class).hasSize(1);
            assertThat(harness.retried()).hasSize(2);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(15 + 30));   // equal jitter: at least half of 30 s + 60 s
        }
    }

    @Test
    void aFailureThatNeverStopsEndsInTheDeadLetterQueueWithReasonAndAttempts() {
        // snippet:dead-letter
        try (FlowHarness harness = FlowHarness.builder(TOPOLOGY, CODEC).retryPolicy(FOUR_TRIES)
                .process("payments", p -> p.on(PaymentReceived.class, (payment, context) -> {
                    throw new IllegalStateException("ledger unavailable");
                }))
                .build()) {
            harness.publish(new PaymentReceived("o-1", BigDecimal.TEN));

            harness.runUntilIdle();   // four attempts, three backoffs: minutes of virtual time, no real waiting

            assertThat(harness).deadLettered(PaymentReceived.class).singleElement().satisfies(dead -> {
                assertThat(dead.payload()).isEqualTo(new PaymentReceived("o-1", BigDecimal.TEN));
                assertThat(dead.attempts()).isEqualTo(4);
                assertThat(dead.reason()).contains("ledger unavailable");
            });
            assertThat(harness.transport().messages("payments-dlq")).hasSize(1);
        }
        // end-snippet
    }
}
