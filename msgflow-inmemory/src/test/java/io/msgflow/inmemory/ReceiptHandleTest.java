package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.message;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receipt handles work only while their delivery is in flight. SQS documents that a delete with
 * an older handle "succeeds, but the message might not be deleted" on standard queues and fails
 * with "the receipt handle has expired" on FIFO queues; the emulator fails the entry in every
 * such case, so a test sees a late acknowledgement instead of a silent no-op.
 */
@ExtendWith(InMemoryTransportExtension.class)
class ReceiptHandleTest {
    private static final Topology TOPOLOGY = Topology.builder("events").queue("a").queue("b")
            .route(Route.toQueue("a")).route(Route.toQueue("b")).build();

    private InMemoryTransport transport;
    private TestClock clock;
    private MessageSource a;

    @BeforeEach
    void provision(InMemoryTransport transport, TestClock clock) {
        this.transport = transport;
        this.clock = clock;
        transport.provision(TOPOLOGY);
        a = transport.source(TOPOLOGY, "a");
        transport.publisher(TOPOLOGY).publish(message("notification", "{}"));
    }

    private static EntryFailure onlyFailure(OperationResult result) {
        assertThat(result.succeeded()).isEmpty();
        assertThat(result.failed()).hasSize(1);
        return result.failed().get(0);
    }

    @Test
    void aHandleStopsWorkingWhenItsVisibilityLapses() {
        ReceivedMessage d = single(drain(a));
        clock.advance(Duration.ofSeconds(30));

        EntryFailure ack = onlyFailure(a.acknowledge(List.of(d)));
        EntryFailure extend = onlyFailure(a.changeVisibility(List.of(d), Duration.ofMinutes(1)));

        assertThat(ack.code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(ack.reason()).contains("queue 'a'", d.transportMessageId(), "lapsed at 2025-01-01T00:00:30Z");
        assertThat(extend.code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(transport.queueDepth("a")).as("the message is still there, visible").isEqualTo(1);
    }

    @Test
    void aHandleOfAnEarlierReceiveFailsAndTheLatestWorks() {
        ReceivedMessage first = single(drain(a));
        clock.advance(Duration.ofSeconds(30));
        ReceivedMessage second = single(drain(a));

        EntryFailure stale = onlyFailure(a.acknowledge(List.of(first)));

        assertThat(stale.reason()).contains("received again (receive 2)", "only the latest receipt handle works");
        assertThat(transport.inFlight("a")).isEqualTo(1);
        assertThat(a.acknowledge(List.of(second)).allSucceeded()).isTrue();
        assertThat(transport.stats("a").total()).isZero();
    }

    @Test
    void aHandleOfADeletedMessageFails() {
        ReceivedMessage d = single(drain(a));
        a.acknowledge(List.of(d));

        assertThat(onlyFailure(a.acknowledge(List.of(d))).reason()).contains("no longer on the queue");
    }

    @Test
    void aDeliveryOfAnotherQueueIsRefusedWithoutTouchingIt() {
        ReceivedMessage fromB = single(drain(transport.source(TOPOLOGY, "b")));

        EntryFailure failure = onlyFailure(a.acknowledge(List.of(fromB)));

        assertThat(failure.reason()).contains("queue 'a'", "came from queue 'b'");
        assertThat(transport.inFlight("b")).isEqualTo(1);
    }

    @Test
    void aHandleAfterVisibilityZeroFailsUntilReceivedAgain() {
        ReceivedMessage d = single(drain(a));
        a.changeVisibility(List.of(d), Duration.ZERO);

        assertThat(onlyFailure(a.acknowledge(List.of(d))).reason()).contains("lapsed");
        ReceivedMessage again = single(drain(a));
        assertThat(a.acknowledge(List.of(again)).allSucceeded()).isTrue();
    }
}
