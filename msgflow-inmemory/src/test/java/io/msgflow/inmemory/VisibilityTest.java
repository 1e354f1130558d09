package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.message;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
class VisibilityTest {
    private static final Topology TOPOLOGY = Topology.builder("events")
            .queue(QueueSpec.builder("work").visibilityTimeout(Duration.ofSeconds(30)).build())
            .queue(QueueSpec.builder("slow").delay(Duration.ofMinutes(2)).build())
            .queue(QueueSpec.builder("short-lived").retention(Duration.ofMinutes(1)).build())
            .route(Route.toQueue("work")).route(Route.toQueue("slow")).route(Route.toQueue("short-lived"))
            .build();

    private InMemoryTransport transport;
    private TestClock clock;
    private MessageSource work;

    @BeforeEach
    void provision(InMemoryTransport transport, TestClock clock) {
        this.transport = transport;
        this.clock = clock;
        transport.provision(TOPOLOGY);
        work = transport.source(TOPOLOGY, "work");
    }

    private Message publish() {
        Message m = message("notification", "{}");
        transport.publisher(TOPOLOGY).publish(m);
        return m;
    }

    @Test
    void aReceivedMessageIsHiddenUntilItsVisibilityTimeoutLapses() {
        Message m = publish();
        ReceivedMessage first = single(drain(work));

        clock.advance(Duration.ofSeconds(29).plusMillis(999));
        assertThat(drain(work)).isEmpty();
        assertThat(transport.stats("work")).isEqualTo(new QueueStats(0, 1, 0));

        clock.advance(Duration.ofMillis(1));
        ReceivedMessage second = single(drain(work));
        assertThat(second.id()).isEqualTo(m.id()).isEqualTo(first.id());
        assertThat(second.transportMessageId()).isEqualTo(first.transportMessageId());
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void anAcknowledgedMessageNeverComesBack() {
        publish();
        ReceivedMessage d = single(drain(work));

        OperationResult result = work.acknowledge(List.of(d));

        assertThat(result.succeeded()).containsExactly(d);
        assertThat(result.failed()).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(drain(work)).isEmpty();
        assertThat(transport.stats("work").total()).isZero();
    }

    @Test
    void visibilityZeroHandsTheMessageBackAtOnce() {
        publish();
        ReceivedMessage d = single(drain(work));

        assertThat(work.changeVisibility(List.of(d), Duration.ZERO).allSucceeded()).isTrue();

        ReceivedMessage again = single(drain(work));
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    @Test
    void aLongerVisibilityKeepsTheMessageHiddenLonger() {
        publish();
        ReceivedMessage d = single(drain(work));

        assertThat(work.changeVisibility(List.of(d), Duration.ofMinutes(10)).allSucceeded()).isTrue();

        clock.advance(Duration.ofMinutes(9));
        assertThat(drain(work)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(single(drain(work)).receiveCount()).isEqualTo(2);
    }

    @Test
    void visibilityCannotReachBeyondTwelveHoursAfterTheReceive() {
        publish();
        ReceivedMessage d = single(drain(work));
        clock.advance(Duration.ofSeconds(20));
        assertThat(work.changeVisibility(List.of(d), Duration.ofHours(11)).allSucceeded()).isTrue();
        clock.advance(Duration.ofMinutes(59).plusSeconds(40));

        assertThat(work.changeVisibility(List.of(d), Duration.ofHours(11)).allSucceeded()).as("exactly 12 h after the receive").isTrue();
        clock.advance(Duration.ofMinutes(1));
        OperationResult tooLong = work.changeVisibility(List.of(d), Duration.ofHours(11));

        assertThat(tooLong.succeeded()).isEmpty();
        assertThat(tooLong.failed()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.reason()).contains("queue 'work'", "at most 12 h", "11 h");
        });
        assertThatThrownBy(() -> work.changeVisibility(List.of(d), Duration.ofHours(13)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("between 0 s and 12 h, but was 13 h");
    }

    @Test
    void aDelayedMessageIsInvisibleUntilTheQueueDelayPassed() {
        publish();
        MessageSource slow = transport.source(TOPOLOGY, "slow");

        assertThat(drain(slow)).isEmpty();
        assertThat(transport.stats("slow")).isEqualTo(new QueueStats(0, 0, 1));
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(drain(slow)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(single(drain(slow)).receiveCount()).isEqualTo(1);
    }

    @Test
    void messagesOlderThanTheRetentionPeriodAreDeletedEvenInFlight() {
        publish();
        MessageSource shortLived = transport.source(TOPOLOGY, "short-lived");
        clock.advance(Duration.ofSeconds(40));
        publish();
        ReceivedMessage second = drain(shortLived).get(0);
        assertThat(transport.stats("short-lived")).isEqualTo(new QueueStats(0, 2, 0));

        clock.advance(Duration.ofSeconds(20));
        assertThat(transport.stats("short-lived")).as("the first expired while in flight").isEqualTo(new QueueStats(0, 1, 0));
        clock.advance(Duration.ofSeconds(40));
        assertThat(transport.stats("short-lived").total()).isZero();
        assertThat(shortLived.acknowledge(List.of(second)).failed()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("no longer on the queue"));
    }

    @Test
    void eachEntryOfABatchHasItsOwnOutcome() {
        publish();
        publish();
        List<ReceivedMessage> both = drain(work);
        work.acknowledge(List.of(both.get(0)));

        OperationResult result = work.acknowledge(both);

        assertThat(result.succeeded()).containsExactly(both.get(1));
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(both.get(0));
            assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
        });
    }

    @Test
    void receiveChecksItsArguments() {
        assertThatThrownBy(() -> work.receive(11, Duration.ZERO)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("`maxMessages` must be between 1 and 10, but was 11");
        assertThatThrownBy(() -> work.receive(0, Duration.ZERO)).hasMessageContaining("but was 0");
        assertThatThrownBy(() -> work.receive(1, Duration.ofSeconds(21))).hasMessageContaining("`wait` must be between 0 s and 20 s, but was 21 s");
    }

    @Test
    void receiveNeverReturnsMoreThanAsked() {
        for (int i = 0; i < 15; i++) {
            publish();
        }

        assertThat(work.receive(4, Duration.ZERO)).hasSize(4);
        assertThat(work.receive(10, Duration.ZERO)).hasSize(10);
        assertThat(work.receive(10, Duration.ZERO)).hasSize(1);
    }

    @Test
    void batchOperationsTakeAtMostTenEntries() {
        for (int i = 0; i < 11; i++) {
            publish();
        }
        List<ReceivedMessage> all = drain(work);

        assertThatThrownBy(() -> work.acknowledge(all)).hasMessageContaining("acknowledge on queue 'work'").hasMessageContaining("11 entries");
        assertThat(work.acknowledge(List.of()).succeeded()).isEmpty();
        assertThat(transport.inFlight("work")).isEqualTo(11);
    }

    @Test
    void peekingNeitherReceivesNorCounts() {
        Message m = publish();

        List<QueuedMessage> seen = transport.messages("work");

        assertThat(seen).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(m.id());
            assertThat(q.type()).contains("notification");
            assertThat(q.receiveCount()).isZero();
            assertThat(q.state()).isEqualTo(QueuedMessage.State.VISIBLE);
        });
        ReceivedMessage d = single(drain(work));
        assertThat(d.receiveCount()).isEqualTo(1);
        assertThat(single(transport.messages("work")).state()).isEqualTo(QueuedMessage.State.IN_FLIGHT);
    }

    @Test
    void purgeDeletesEverythingInFlightOrNot() {
        publish();
        publish();
        publish();
        ReceivedMessage inFlight = work.receive(1, Duration.ZERO).get(0);

        assertThat(transport.purge("work")).isEqualTo(3);

        assertThat(transport.stats("work").total()).isZero();
        assertThat(work.acknowledge(List.of(inFlight)).failed()).hasSize(1);
    }
}
