package io.msgflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.PermanentFailureException;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FlowHarnessTest {
    record OrderPlaced(String orderId, int amount) { }
    record OrderPaid(String orderId) { }

    private static final MessageCodec CODEC = MessageCodec.builder().register(OrderPlaced.class).register(OrderPaid.class).build();
    private static final Topology TOPOLOGY = Topology.builder("orders").codec(CODEC)
            .queue(QueueSpec.builder("placed").deadLetterQueue("placed-dlq", 3).visibilityTimeout(Duration.ofSeconds(30)).build())
            .queue(QueueSpec.builder("paid").deadLetterQueue("paid-dlq", 5).build())
            .routeType(OrderPlaced.class, "placed")
            .routeType(OrderPaid.class, "paid")
            .build();
    private static final RetryPolicy THREE_TRIES = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofSeconds(10)).build();

    @Test
    void recordsPublishesAndConsumptionsTyped() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("placed", p -> p.on(OrderPlaced.class, MessageHandler.store()))
                .process("paid", p -> p.on(OrderPaid.class, MessageHandler.store()))
                .build()) {
            h.publishAll(new OrderPlaced("o-1", 10), new OrderPaid("o-1"), new OrderPlaced("o-2", 20));

            assertThat(h.runUntilIdle()).isZero();

            assertThat(h.published(OrderPlaced.class)).containsExactly(new OrderPlaced("o-1", 10), new OrderPlaced("o-2", 20));
            assertThat(h.consumed(OrderPaid.class)).containsExactly(new OrderPaid("o-1"));
            assertThat(h.stored(OrderPlaced.class)).containsExactly(new OrderPlaced("o-1", 10), new OrderPlaced("o-2", 20));
            assertThat(((InMemorySink) h.sink()).count()).isEqualTo(3);
            FlowAssertions.assertThat(h).hasNoDeadLetters().hasNoRetries().isIdle();
        }
    }

    @Test
    void retriesRunOnVirtualTimeUntilTheProcessorDeadLettersWithReasonAndAttempts() {
        AtomicInteger calls = new AtomicInteger();
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).retryPolicy(THREE_TRIES).seed(7)
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("payment service down");
                }))
                .build()) {
            h.publish(new OrderPlaced("o-1", 10));

            Duration elapsed = h.runUntilIdle();

            RetryPolicy sameSeed = THREE_TRIES.withJitterSeed(7);
            // visibility changes are whole seconds, as SQS counts them, rounded up so no retry comes back early
            Duration first = Duration.ofSeconds(sameSeed.delayAfter(1).plusNanos(999_999_999).getSeconds());
            Duration second = Duration.ofSeconds(sameSeed.delayAfter(2).plusNanos(999_999_999).getSeconds());
            assertThat(h.retried()).extracting(TrafficEvent.Retried::delay).containsExactly(first, second);
            assertThat(elapsed).as("the queue keeps deadlines to the millisecond")
                    .isEqualTo(Duration.ofMillis(first.toMillis() + second.toMillis()));
            assertThat(calls).hasValue(3);
            assertThat(h.retried()).allSatisfy(r -> assertThat(r.reason()).hasValue("IllegalStateException: payment service down"));
            DeadLetteredMessage<OrderPlaced> dead = h.deadLettered(OrderPlaced.class).get(0);
            assertThat(dead.payload()).isEqualTo(new OrderPlaced("o-1", 10));
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.reason()).contains("payment service down");
            assertThat(h.transport().messages("placed-dlq")).hasSize(1);
        }
    }

    @Test
    void theSameSeedRepeatsTheRunExactly() {
        assertThat(runWithFailures(11)).isEqualTo(runWithFailures(11)).isNotEqualTo(runWithFailures(12));
    }

    private String runWithFailures(long seed) {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).seed(seed)
                .retryPolicy(RetryPolicy.builder().maxAttempts(5).jitter(RetryPolicy.Jitter.FULL).build())
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    if (ctx.receiveCount() < 3) {
                        throw new IllegalStateException("flaky");
                    }
                    return order;
                }))
                .build()) {
            for (int i = 0; i < 5; i++) {
                h.publish(Message.builder().id("m-" + i).type("order_placed").body("{\"orderId\":\"o-" + i + "\",\"amount\":1}").build());
            }
            h.runUntilIdle();
            return h.retried().stream().map(r -> r.delivery().id() + "@" + r.at() + "+" + r.delay()).toList().toString();
        }
    }

    @Test
    void badInputIsDeadLetteredAtOnceAndItsPayloadIsNull() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("placed", p -> p.on(OrderPlaced.class, MessageHandler.store()))
                .build()) {
            h.publish(Message.of("order_placed", "not json"));

            h.runUntilIdle();

            assertThat(h.deadLettered(OrderPlaced.class)).singleElement().satisfies(d -> {
                assertThat(d.payload()).isNull();
                assertThat(d.body()).isEqualTo("not json");
                assertThat(d.attempts()).isEqualTo(1);
            });
        }
    }

    @Test
    void aLapsedVisibilityTimeoutRedeliversAndTheQueueRedrivesAfterMaxReceiveCount() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).build()) {
            h.publish(new OrderPlaced("o-1", 10));
            MessageSource crashing = h.source("placed");
            for (int i = 0; i < 3; i++) {
                assertThat(crashing.receive(10, Duration.ZERO)).hasSize(1);
                h.advance(Duration.ofSeconds(30));
            }

            assertThat(crashing.receive(10, Duration.ZERO)).isEmpty();
            h.runUntilIdle();

            assertThat(h.redriven()).singleElement().satisfies(r -> {
                assertThat(r.queue()).isEqualTo("placed");
                assertThat(r.message().queue()).isEqualTo("placed-dlq");
                assertThat(r.message().receiveCount()).isEqualTo(3);
            });
        }
    }

    @Test
    void runUntilIdleWaitsOutDelaysAndVisibilityOfUnprocessedDeliveries() {
        Topology delayed = Topology.builder("orders").codec(CODEC)
                .queue(QueueSpec.builder("placed").delay(Duration.ofMinutes(2)).build())
                .routeType(OrderPlaced.class, "placed").build();
        try (FlowHarness h = FlowHarness.builder(delayed, CODEC).process("placed", p -> p.on(OrderPlaced.class, MessageHandler.store())).build()) {
            h.publish(new OrderPlaced("o-1", 10));

            assertThat(h.runUntilIdle()).isEqualTo(Duration.ofMinutes(2));
            assertThat(h.consumed(OrderPlaced.class)).hasSize(1);
        }
    }

    @Test
    void aHandlerThatRepublishesWhatItHandlesIsCaughtByTheStepGuard() {
        FlowHarness[] self = new FlowHarness[1];
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).maxSteps(20)
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    self[0].publish(new OrderPlaced(order.orderId(), order.amount() + 1));
                    return null;
                }))
                .build()) {
            self[0] = h;
            h.publish(new OrderPlaced("o-1", 0));

            assertThatThrownBy(h::runUntilIdle).isInstanceOf(NotIdleException.class)
                    .hasMessageContaining("maxSteps")
                    .hasMessageContaining("queue 'placed': 1 visible")
                    .hasMessageContaining("traffic timeline")
                    .hasMessageContaining("published   order_placed");
        }
    }

    @Test
    void aRetryBeyondTheVirtualTimeGuardIsReported() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).maxVirtualTime(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder().initialDelay(Duration.ofMinutes(1)).maxAttempts(3).jitter(RetryPolicy.Jitter.NONE).build())
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    throw new IllegalStateException("down");
                }))
                .build()) {
            h.publish(new OrderPlaced("o-1", 0));

            assertThatThrownBy(h::runUntilIdle).isInstanceOf(NotIdleException.class)
                    .hasMessageContaining("maxVirtualTime").hasMessageContaining("1 in flight");
        }
    }

    @Test
    void failedAssertionsPrintTheTimeline() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC)
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    throw new PermanentFailureException("amount must be positive");
                }))
                .build()) {
            h.publish(new OrderPlaced("o-1", -5));
            h.runUntilIdle();

            assertThatThrownBy(() -> FlowAssertions.assertThat(h).consumed(OrderPlaced.class).hasSize(1))
                    .hasMessageContaining("consumed OrderPlaced")
                    .hasMessageContaining("+0 ms  published   order_placed")
                    .hasMessageContaining("dead-letter order_placed")
                    .hasMessageContaining("amount must be positive");
            assertThatThrownBy(() -> FlowAssertions.assertThat(h).hasNoDeadLetters())
                    .hasMessageContaining("1 were dead-lettered").hasMessageContaining("traffic timeline");
        }
    }

    @Test
    void aRunningConsumerIsWaitedForAndTheClockStillJumpsOverBackoff() {
        AtomicInteger calls = new AtomicInteger();
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).retryPolicy(THREE_TRIES)
                .process("placed", p -> p.on(OrderPlaced.class, (order, ctx) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first try fails");
                    }
                    return order;
                }))
                .build()) {
            h.startConsumer("placed", c -> c.pollers(2));
            h.publish(new OrderPlaced("o-1", 10));

            Duration elapsed = h.runUntilIdle();

            assertThat(h.consumed(OrderPlaced.class)).as(h.timeline()).containsExactly(new OrderPlaced("o-1", 10));
            assertThat(elapsed).isEqualTo(Duration.ofMillis(h.retried().get(0).delay().toMillis()));
            FlowAssertions.assertThat(h).isIdle();
        }
    }

    @Test
    void declarationMistakesAreNamed() {
        assertThatThrownBy(() -> FlowHarness.builder(TOPOLOGY, CODEC).process("placd", p -> { }))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'placd'");
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).build()) {
            assertThatThrownBy(() -> h.startConsumer("placed", c -> c))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no processor");
        }
        assertThatThrownBy(() -> FlowHarness.builder(TOPOLOGY, CODEC).maxVirtualTime(Duration.ZERO))
                .hasMessageContaining("`maxVirtualTime` must be between 1 s and 365 d, but was 0 ms");
    }

    @Test
    void advanceRefusesANegativeOrMissingDurationAndLeavesTheClock() {
        try (FlowHarness h = FlowHarness.builder(TOPOLOGY, CODEC).process("placed", p -> p.on(OrderPlaced.class, MessageHandler.store())).build()) {
            java.time.Instant before = h.clock().instant();

            assertThatThrownBy(() -> h.advance(Duration.ofSeconds(-5))).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("`duration` of advance must be zero or positive (the clock never goes back), but was -5 s");
            assertThatThrownBy(() -> h.advance(null)).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("`duration` of advance must be zero or positive (the clock never goes back), but was null");
            h.advance(Duration.ZERO);
            assertThat(h.clock().instant()).isEqualTo(before);
        }
    }
}
