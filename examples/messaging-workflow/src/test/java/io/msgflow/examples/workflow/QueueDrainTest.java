package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One lane's drain on the in-memory transport, on a test clock: its end, its retries, its failure. */
class QueueDrainTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final InMemorySink sink = new InMemorySink();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    QueueDrainTest() {
        transport.provision(Workflow.TOPOLOGY);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void endsWhenEveryPublishedMessageIsSettledAndTheQueueIsEmpty() {
        List<Message> published = publish(3);

        LaneResult result = drain(Workflow.NOTIFICATIONS, idsOf(published, Workflow.NOTIFICATIONS));

        assertThat(result).isEqualTo(new LaneResult(Workflow.NOTIFICATIONS, 3, 3));
        assertThat(sink.rows("notification")).hasSize(3);
        assertThat(sink.rows("critical_alert")).as("the other lane's messages never reach this queue").isEmpty();
        assertThat(transport.stats(Workflow.NOTIFICATIONS.queue()).total()).isZero();
    }

    @Test
    void aFailedWriteIsRetriedAfterItsDelayAndTheDrainWaitsForIt() {
        List<Message> published = publish(2);
        sink.failNextWrites(1);

        LaneResult result = drain(Workflow.ALERTS, idsOf(published, Workflow.ALERTS));

        assertThat(result.processed()).isEqualTo(2);
        assertThat(sink.rows("critical_alert")).hasSize(2);
        assertThat(clock.instant()).as("the retry waited on the test clock").isAfter(TestClock.DEFAULT_START);
    }

    @Test
    void aMessageThatFailsForGoodIsDeadLetteredAndCountsAsSettled() {
        Message broken = Message.of(Workflow.NOTIFICATIONS.messageType(), "not json");
        transport.publisher(Workflow.TOPOLOGY).publish(broken);

        LaneResult result = drain(Workflow.NOTIFICATIONS, Set.of(broken.id()));

        assertThat(result).isEqualTo(new LaneResult(Workflow.NOTIFICATIONS, 1, 0));
        assertThat(transport.stats(Workflow.NOTIFICATIONS.deadLetterQueue()).total()).isEqualTo(1);
    }

    @Test
    void failsWhenAPublishedMessageDoesNotArriveWithinTheIdleTimeout() {
        List<Message> published = publish(1);
        Set<String> expected = Set.of(published.get(0).id(), "never-published");

        assertThatThrownBy(() -> drain(Workflow.NOTIFICATIONS, expected))
                .isInstanceOf(WorkflowException.class)
                .hasMessage("queue 'notifications-queue': 1 of the 2 message(s) published to it are not settled, and nothing arrived for 1 min");
        assertThat(sink.rows("notification")).as("what did arrive was processed").hasSize(1);
    }

    @Test
    void showsProgressForLargeRunsOnly() {
        List<Message> published = publish(Progress.THRESHOLD / 2);
        Set<String> expected = published.stream().map(Message::id).collect(Collectors.toSet());
        Progress both = Progress.of("processed", expected.size(), new PrintStream(progress, true, StandardCharsets.UTF_8));

        for (Lane lane : Workflow.LANES) {
            new QueueDrain(lane, new ClockDrivenSource(transport.source(Workflow.TOPOLOGY, lane.queue()), clock),
                    Workflow.processor(sink), idsOf(published, lane), clock, IDLE_TIMEOUT, both).call();
        }

        assertThat(progress.toString(StandardCharsets.UTF_8).lines()).hasSize(10).startsWith("processed  100 of 1,000 messages (10%)")
                .endsWith("processed  1,000 of 1,000 messages (100%)");
    }

    private List<Message> publish(int perType) {
        List<Message> messages = Workflow.samples(perType, clock);
        assertThat(transport.publisher(Workflow.TOPOLOGY).publishAll(messages).allSucceeded()).isTrue();
        return messages;
    }

    private static Set<String> idsOf(List<Message> messages, Lane lane) {
        return messages.stream().filter(m -> m.type().equals(lane.messageType())).map(Message::id).collect(Collectors.toSet());
    }

    private LaneResult drain(Lane lane, Set<String> expected) {
        MessageSource source = new ClockDrivenSource(transport.source(Workflow.TOPOLOGY, lane.queue()), clock);
        return new QueueDrain(lane, source, Workflow.processor(sink), expected, clock, IDLE_TIMEOUT,
                Progress.of("processed", expected.size(), new PrintStream(progress, true, StandardCharsets.UTF_8))).call();
    }

    /** The in-memory source, whose empty long polls move the test clock by their wait instead of sleeping. */
    private record ClockDrivenSource(MessageSource source, TestClock clock) implements MessageSource {
        @Override
        public String queue() {
            return source.queue();
        }

        @Override
        public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
            List<ReceivedMessage> received = source.receive(maxMessages, Duration.ZERO);
            if (received.isEmpty()) {
                clock.advance(wait);
            }
            return received;
        }

        @Override
        public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
            return source.acknowledge(messages);
        }

        @Override
        public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
            return source.changeVisibility(messages, timeout);
        }

        @Override
        public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
            return source.deadLetter(deadLetters);
        }
    }
}
