package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.message;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.topology.QueueSpec;
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
 * Receipt handles as SQS honours them. The most recent handle of a standard queue's message
 * deletes it even after its visibility lapsed, as long as nobody received it since (so a queue
 * with visibility timeout 0 can be drained); a FIFO queue refuses it ("the receipt handle has
 * expired"), and so does ChangeMessageVisibility. SQS documents that a delete with an older handle
 * "succeeds, but the message might not be deleted"; the emulator fails that entry, so a test sees a
 * late acknowledgement instead of a silent no-op.
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
    void aLapsedHandleCannotExtendButTheLatestOneStillDeletesOnAStandardQueue() {
        ReceivedMessage d = single(drain(a));
        clock.advance(Duration.ofSeconds(30));

        EntryFailure extend = onlyFailure(a.changeVisibility(List.of(d), Duration.ofMinutes(1)));
        assertThat(extend.code()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(extend.reason()).contains("queue 'a'", d.transportMessageId(), "lapsed at 2025-01-01T00:00:30Z");
        assertThat(transport.queueDepth("a")).as("the message is visible again").isEqualTo(1);

        assertThat(a.acknowledge(List.of(d)).allSucceeded()).as("the most recent handle deletes, as on SQS").isTrue();
        assertThat(transport.stats("a").total()).isZero();
    }

    @Test
    void aFifoQueueRefusesTheLatestHandleOnceItsVisibilityLapsed() {
        Topology fifo = Topology.builder("events.fifo").queue("f.fifo").route(Route.toQueue("f.fifo")).build();
        transport.provision(fifo);
        transport.publisher(fifo).publish(Fixtures.fifo("g", "d1", "{}"));
        MessageSource f = transport.source(fifo, "f.fifo");
        ReceivedMessage d = single(drain(f));
        clock.advance(Duration.ofSeconds(30));

        assertThat(onlyFailure(f.acknowledge(List.of(d))).reason()).contains("lapsed");
        assertThat(transport.queueDepth("f.fifo")).isEqualTo(1);
    }

    @Test
    void aQueueWithVisibilityTimeoutZeroCanBeDrained() {
        Topology zero = Topology.builder("zero").queue(QueueSpec.builder("z").visibilityTimeout(Duration.ZERO).build())
                .route(Route.toQueue("z")).build();
        transport.provision(zero);
        transport.publisher(zero).publish(message("notification", "{}"));
        MessageSource z = transport.source(zero, "z");

        ReceivedMessage d = single(z.receive(10, Duration.ZERO));

        assertThat(z.acknowledge(List.of(d)).allSucceeded()).isTrue();
        assertThat(transport.stats("z").total()).isZero();
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
    void aHandleAfterVisibilityZeroDeletesUntilTheMessageIsReceivedAgain() {
        ReceivedMessage d = single(drain(a));
        a.changeVisibility(List.of(d), Duration.ZERO);
        ReceivedMessage again = single(drain(a));

        assertThat(onlyFailure(a.acknowledge(List.of(d))).reason()).contains("received again (receive 2)");
        assertThat(a.acknowledge(List.of(again)).allSucceeded()).isTrue();
    }
}
