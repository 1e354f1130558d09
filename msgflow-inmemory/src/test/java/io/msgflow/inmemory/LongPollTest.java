package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LongPollTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);
    private static final Topology TOPOLOGY = Topology.builder("events")
            .queue("plain")
            .queue(QueueSpec.builder("delayed").delay(Duration.ofSeconds(10)).build())
            .route(Route.toQueue("plain")).route(Route.toQueue("delayed"))
            .build();

    private final TestClock clock = TestClock.create();
    private InMemoryTransport transport;

    private InMemoryTransport start(LongPollWait mode, Clock onClock) {
        transport = InMemoryTransport.builder().clock(onClock).longPollWait(mode).build();
        transport.provision(TOPOLOGY);
        return transport;
    }

    @AfterEach
    void close() {
        transport.close();
    }

    /** A receive running on its own thread, so the test can see it block and wake. */
    private static final class Receive {
        final Thread thread;
        final CompletableFuture<List<ReceivedMessage>> result = new CompletableFuture<>();
        volatile boolean interruptedAfter;

        Receive(MessageSource source, Duration wait) {
            thread = new Thread(() -> {
                try {
                    result.complete(source.receive(10, wait));
                    interruptedAfter = Thread.currentThread().isInterrupted();
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "long-poll");
            thread.start();
        }

        Receive blocked(InMemoryTransport transport) {
            transport.await(Duration.ofSeconds(10), () -> thread.getState() == Thread.State.TIMED_WAITING
                    || thread.getState() == Thread.State.WAITING);
            assertThat(result).isNotDone();
            return this;
        }

        List<ReceivedMessage> get() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void returnsAtOnceWhenMessagesAreWaiting() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock).publisher(TOPOLOGY).publish(message("n", "{}"));

        assertThat(new Receive(transport.source(TOPOLOGY, "plain"), MAX_WAIT).get()).hasSize(1);
    }

    @Test
    void wakesAsSoonAsAMessageArrives() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock);
        Receive receive = new Receive(transport.source(TOPOLOGY, "plain"), MAX_WAIT).blocked(transport);

        transport.publisher(TOPOLOGY).publish(message("n", "{\"late\":1}"));

        assertThat(receive.get()).extracting(ReceivedMessage::body).containsExactly("{\"late\":1}");
    }

    @Test
    void wakesWhenTheTestClockMakesADelayedMessageVisible() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock).publisher(TOPOLOGY).publish(message("n", "{}"));
        Receive receive = new Receive(transport.source(TOPOLOGY, "delayed"), MAX_WAIT).blocked(transport);

        clock.advance(Duration.ofSeconds(10));

        assertThat(receive.get()).hasSize(1);
    }

    @Test
    void wakesWhenTheTestClockLetsAVisibilityTimeoutLapse() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock).publisher(TOPOLOGY).publish(message("n", "{}"));
        MessageSource plain = transport.source(TOPOLOGY, "plain");
        assertThat(plain.receive(1, Duration.ZERO)).hasSize(1);
        Receive receive = new Receive(plain, MAX_WAIT).blocked(transport);

        clock.advance(Duration.ofSeconds(30));

        assertThat(receive.get()).singleElement().satisfies(d -> assertThat(d.receiveCount()).isEqualTo(2));
    }

    @Test
    void anEmptyWaitEndsWhenTheClockHasMovedByIt() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock);
        Receive receive = new Receive(transport.source(TOPOLOGY, "plain"), MAX_WAIT).blocked(transport);

        clock.advance(MAX_WAIT);

        assertThat(receive.get()).isEmpty();
    }

    @Test
    void byDefaultAnUnmovedTestClockStillEndsTheWaitInRealTime() throws Exception {
        start(LongPollWait.CLOCK_OR_REAL_TIME, clock);
        long started = System.nanoTime();

        List<ReceivedMessage> received = new Receive(transport.source(TOPOLOGY, "plain"), Duration.ofMillis(300)).get();

        assertThat(received).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void onTheSystemClockADelayedMessageArrivesWhenDue() throws Exception {
        start(LongPollWait.CLOCK_OR_REAL_TIME, Clock.systemUTC());
        Topology quick = Topology.builder("quick").queue(QueueSpec.builder("soon").delay(Duration.ofMillis(200)).build())
                .route(Route.toQueue("soon")).build();
        transport.provision(quick);
        long started = System.nanoTime();
        transport.publisher(quick).publish(message("n", "{}"));

        List<ReceivedMessage> received = new Receive(transport.source(quick, "soon"), Duration.ofSeconds(5)).get();

        assertThat(received).hasSize(1);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).as("the clock counts whole milliseconds, so the delay may end up to 1 ms early")
                .isBetween(Duration.ofMillis(199), Duration.ofSeconds(4));
    }

    @Test
    void anInterruptEndsTheWaitEmptyWithTheFlagSet() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock);
        Receive receive = new Receive(transport.source(TOPOLOGY, "plain"), MAX_WAIT).blocked(transport);

        receive.thread.interrupt();

        assertThat(receive.get()).isEmpty();
        receive.thread.join(10_000);
        assertThat(receive.interruptedAfter).isTrue();
    }

    @Test
    void closingTheTransportWakesBlockedReceives() throws Exception {
        start(LongPollWait.CLOCK_ONLY, clock);
        Receive receive = new Receive(transport.source(TOPOLOGY, "plain"), MAX_WAIT).blocked(transport);

        transport.close();

        assertThat(receive.get()).isEmpty();
    }
}
