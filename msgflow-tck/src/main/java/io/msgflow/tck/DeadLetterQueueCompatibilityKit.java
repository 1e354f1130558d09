package io.msgflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.tck.internal.Poller;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
import io.msgflow.transport.ReceivedMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of {@link DeadLetterQueue}: listing without consuming and redrive by receive,
 * send and delete, all or filtered by type or reason or limited, ids and bodies unchanged by the
 * trip. Dead letters are made the msgflow way ({@link MessageSource#deadLetter} with a reason),
 * through {@code provision}, {@code queueSender} and {@code source} only.
 *
 * <p>Hooks: {@link #transport()} (required; the subclass creates and closes it) and
 * {@link #timing()} ({@link KitTiming#realServers()} by default, {@link KitTiming#virtualClock()}
 * for an emulator on a virtual clock).
 */
public abstract class DeadLetterQueueCompatibilityKit {
    private static final String SOURCE_ATTRIBUTE_REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;

    protected Topology topology;
    protected String queue;
    private Poller poller;

    protected abstract MessageTransport transport();

    protected KitTiming timing() {
        return KitTiming.realServers();
    }

    @BeforeEach
    void provisionQueueWithDeadLetterQueue() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "redrive-" + suffix;
        topology = Topology.builder("redrive-" + suffix)
                .queue(QueueSpec.builder(queue).deadLetterQueue(queue + "-dlq", 5).build())
                .build();
        transport().provision(topology);
        poller = new Poller(timing());
    }

    /** Three messages: two notifications (one undecodable), one alert, dead-lettered with their reasons. */
    protected List<Message> deadLetterThree() {
        List<Message> messages = List.of(
                Message.of("notification", "{\"n\":1}"),
                Message.of("notification", "not json"),
                Message.of("critical_alert", "{\"n\":3}"));
        Map<String, String> reasons = Map.of(
                messages.get(0).id(), "handler failed after 5 attempts: timeout",
                messages.get(1).id(), "undecodable body: Unrecognized token 'not'",
                messages.get(2).id(), "handler failed after 5 attempts: constraint violation");
        transport().queueSender(topology, queue).publishBatch(messages);
        MessageSource source = transport().source(topology, queue);
        List<ReceivedMessage> received = poller.await(source, 3, 10);
        assertThat(received).as("messages sent to queue '%s'", queue).hasSize(3);
        assertThat(source.deadLetter(received.stream().map(m -> new DeadLetter(m, reasons.get(m.id()))).toList()).failed()).isEmpty();
        return messages;
    }

    protected DeadLetterQueue deadLetters() {
        return transport().deadLetterQueue(topology, queue);
    }

    private List<ReceivedMessage> drainSource(int expected) {
        MessageSource source = transport().source(topology, queue);
        List<ReceivedMessage> received = poller.await(source, expected, 10);
        if (!received.isEmpty()) {
            source.acknowledge(received);
        }
        return received;
    }

    private static RedriveOptions.Builder receiveSendDelete() {
        return RedriveOptions.builder().method(RedriveMethod.RECEIVE_SEND_DELETE).messagesPerSecond(RedriveOptions.MAX_RATE);
    }

    @Test
    public void listShowsIdTypeReasonAndBodyWithoutConsuming() {
        List<Message> messages = deadLetterThree();

        List<DeadLetterMessage> first = deadLetters().list(DeadLetterFilter.all(), 100);
        List<DeadLetterMessage> second = deadLetters().list(DeadLetterFilter.all(), 100);

        Map<String, DeadLetterMessage> byId = first.stream().collect(Collectors.toMap(DeadLetterMessage::id, Function.identity()));
        assertThat(byId).containsOnlyKeys(messages.stream().map(Message::id).toList());
        assertThat(byId.get(messages.get(1).id())).satisfies(d -> {
            assertThat(d.type()).contains("notification");
            assertThat(d.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("undecodable body"));
            assertThat(d.body()).isEqualTo("not json");
        });
        assertThat(second).as("a listing hands every message back").extracting(DeadLetterMessage::id)
                .containsExactlyInAnyOrderElementsOf(byId.keySet());
    }

    @Test
    public void listFiltersByTypeAndReasonAndStopsAtTheLimit() {
        List<Message> messages = deadLetterThree();

        assertThat(deadLetters().list(DeadLetterFilter.all().types("critical_alert"), 100)).extracting(DeadLetterMessage::id)
                .containsExactly(messages.get(2).id());
        assertThat(deadLetters().list(DeadLetterFilter.all().reasonContaining("after 5 attempts"), 100)).extracting(DeadLetterMessage::id)
                .containsExactlyInAnyOrder(messages.get(0).id(), messages.get(2).id());
        assertThat(deadLetters().list(DeadLetterFilter.all().types("notification").reasonContaining("timeout"), 100))
                .extracting(DeadLetterMessage::id).containsExactly(messages.get(0).id());
        assertThat(deadLetters().list(DeadLetterFilter.all(), 2)).hasSize(2);
    }

    @Test
    public void redriveOfEverythingBringsEachMessageBackWithItsIdAndBodyAndWithoutTheDeadLetterReason() {
        List<Message> messages = deadLetterThree();

        RedriveResult result = deadLetters().redrive(receiveSendDelete().build());

        assertThat(result.method()).isEqualTo(RedriveMethod.RECEIVE_SEND_DELETE);
        assertThat(result.movedIds()).containsExactlyInAnyOrderElementsOf(messages.stream().map(Message::id).toList());
        assertThat(result.failures()).isEmpty();
        List<ReceivedMessage> back = drainSource(3);
        assertThat(back).extracting(ReceivedMessage::id, ReceivedMessage::body).containsExactlyInAnyOrderElementsOf(
                messages.stream().map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.body())).toList());
        assertThat(back).allSatisfy(m -> assertThat(m.attributes()).doesNotContainKey(SOURCE_ATTRIBUTE_REASON));
        assertThat(deadLetters().list(DeadLetterFilter.all(), 100)).isEmpty();
    }

    @Test
    public void redriveByTypeOrReasonMovesOnlyThoseAndLeavesTheRest() {
        List<Message> messages = deadLetterThree();

        RedriveResult alerts = deadLetters().redrive(receiveSendDelete().filter(DeadLetterFilter.all().types("critical_alert")).build());
        RedriveResult undecodable = deadLetters().redrive(receiveSendDelete()
                .filter(DeadLetterFilter.all().reasonContaining("undecodable")).build());

        assertThat(alerts.movedIds()).containsExactly(messages.get(2).id());
        assertThat(alerts.left()).isEqualTo(2);
        assertThat(undecodable.movedIds()).containsExactly(messages.get(1).id());
        assertThat(drainSource(2)).extracting(ReceivedMessage::id).containsExactlyInAnyOrder(messages.get(2).id(), messages.get(1).id());
        assertThat(deadLetters().list(DeadLetterFilter.all(), 100)).extracting(DeadLetterMessage::id)
                .containsExactly(messages.get(0).id());
    }

    @Test
    public void redriveStopsAtItsLimit() {
        deadLetterThree();

        RedriveResult two = deadLetters().redrive(receiveSendDelete().maxMessages(2).build());

        assertThat(two.moved()).isEqualTo(2);
        assertThat(drainSource(2)).hasSize(2);
        assertThat(deadLetters().list(DeadLetterFilter.all(), 100)).hasSize(1);
    }

    @Test
    public void aQueueWithoutDeadLetterQueueHasNoneToRedriveFrom() {
        String plain = queue + "-plain";
        Topology withPlain = Topology.builder(topology.topic()).queue(plain).build();

        assertThatThrownBy(() -> transport().deadLetterQueue(withPlain, plain))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(plain).hasMessageContaining("dead-letter queue");
    }

    @Test
    public void aMoveTaskCannotBeAskedForAFilteredRedrive() {
        assertThatThrownBy(() -> RedriveOptions.builder().method(RedriveMethod.MOVE_TASK)
                .filter(DeadLetterFilter.all().types("notification")).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("MOVE_TASK");
    }
}
