package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.message;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.MessageValidationException;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
class DeadLetterTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final Topology TOPOLOGY = Topology.builder("events")
            .queue(QueueSpec.builder("work").deadLetterQueue("work-dlq", 3).build())
            .queue(QueueSpec.builder("wrapped").deadLetterQueue("wrapped-dlq", 5).build())
            .queue("no-dlq")
            .route(Route.toQueue("work")).route(Route.toQueue("no-dlq"))
            .route(Route.toQueue("wrapped").delivery(Delivery.ENVELOPE))
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

    @Test
    void afterMaxReceiveCountReceivesTheNextReceiveAttemptMovesTheMessage() {
        Message m = message("notification", "{\"poison\":true}");
        transport.publisher(TOPOLOGY).publish(m);
        String sqsId = null;
        for (int receive = 1; receive <= 3; receive++) {
            ReceivedMessage d = single(drain(work));
            assertThat(d.receiveCount()).isEqualTo(receive);
            sqsId = d.transportMessageId();
            clock.advance(VISIBILITY);
        }
        assertThat(transport.queueDepth("work")).as("still on the source until a receive attempt").isEqualTo(1);

        assertThat(drain(work)).isEmpty();

        assertThat(transport.stats("work").total()).isZero();
        QueuedMessage dead = single(transport.messages("work-dlq"));
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.transportMessageId()).as("SQS moves the message itself").isEqualTo(sqsId);
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.receiveCount()).isEqualTo(3);
        assertThat(dead.deadLetterReason()).isEmpty();
    }

    @Test
    void aLongPollKeepsWaitingAfterMovingMessagesAway() {
        transport.publisher(TOPOLOGY).publish(message("notification", "{}"));
        for (int receive = 1; receive <= 3; receive++) {
            single(drain(work));
            clock.advance(VISIBILITY);
        }
        Message fresh = message("notification", "{\"fresh\":true}");
        transport.publisher(TOPOLOGY).publish(fresh);

        List<ReceivedMessage> received = work.receive(10, Duration.ZERO);

        assertThat(received).extracting(ReceivedMessage::id).containsExactly(fresh.id());
        assertThat(transport.queueDepth("work-dlq")).isEqualTo(1);
    }

    @Test
    void deadLetterMovesAtOnceWithTheReason() {
        Message m = Message.builder().type("notification").body("{}").attribute("tenant", "t-1").build();
        transport.publisher(TOPOLOGY).publish(m);
        ReceivedMessage d = single(drain(work));

        OperationResult result = work.deadLetter(List.of(new DeadLetter(d, "cannot decode: unexpected token")));

        assertThat(result.succeeded()).containsExactly(d);
        assertThat(transport.stats("work").total()).isZero();
        ReceivedMessage dead = single(drain(transport.source(TOPOLOGY, "work-dlq")));
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.receiveCount()).isEqualTo(1);
        assertThat(dead.attributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue()).isEqualTo("cannot decode: unexpected token");
        assertThat(dead.attributes().get("tenant").stringValue()).isEqualTo("t-1");
    }

    @Test
    void anEnvelopeMessageIsDeadLetteredUnwrappedWithItsIdAndTheReason() {
        Message m = message("notification", "{\"wrapped\":1}");
        transport.publisher(TOPOLOGY).publish(m);
        MessageSource wrapped = transport.source(TOPOLOGY, "wrapped");
        ReceivedMessage d = single(drain(wrapped));

        wrapped.deadLetter(List.of(new DeadLetter(d, "unknown type")));

        QueuedMessage dead = single(transport.messages("wrapped-dlq"));
        assertThat(dead.sqsBody()).as("one copy shape on every transport: unwrapped").isEqualTo(m.body());
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.type()).contains("notification");
        assertThat(dead.deadLetterReason()).contains("unknown type");
        ReceivedMessage received = single(drain(transport.source(TOPOLOGY, "wrapped-dlq")));
        assertThat(received.id()).isEqualTo(m.id());
        assertThat(received.attributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue()).isEqualTo("unknown type");
        assertThat(received.problem()).isEmpty();
    }

    @Test
    void withoutADeadLetterQueueDeadLetterFailsNamingTheQueue() {
        transport.publisher(TOPOLOGY).publish(message("notification", "{}"));
        MessageSource noDlq = transport.source(TOPOLOGY, "no-dlq");
        ReceivedMessage d = single(drain(noDlq));

        assertThatThrownBy(() -> noDlq.deadLetter(List.of(new DeadLetter(d, "bad"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("queue 'no-dlq' has no dead-letter queue");
        assertThat(transport.inFlight("no-dlq")).isEqualTo(1);
    }

    @Test
    void aBlankReasonIsRejectedBeforeAnythingMoves() {
        transport.publisher(TOPOLOGY).publish(message("notification", "{}"));
        ReceivedMessage d = single(drain(work));

        assertThatThrownBy(() -> work.deadLetter(List.of(new DeadLetter(d, " "))))
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("reason must not be blank");
        assertThat(transport.inFlight("work")).isEqualTo(1);
    }

    @Test
    void withTenAttributesAlreadyTheMessageMovesWithoutTheReason() {
        Message.Builder b = Message.builder().type("notification").body("{}");
        for (int i = 0; i < 8; i++) {
            b.attribute("a" + i, "v" + i);
        }
        Message full = b.build();
        transport.publisher(TOPOLOGY).publish(full);
        ReceivedMessage d = single(drain(work));

        assertThat(work.deadLetter(List.of(new DeadLetter(d, "bad"))).allSucceeded()).isTrue();

        QueuedMessage dead = single(transport.messages("work-dlq"));
        assertThat(dead.id()).isEqualTo(full.id());
        assertThat(dead.sqsAttributes()).hasSize(10).doesNotContainKey(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE);
    }

    @Test
    void aStaleDeliveryIsNotDeadLetteredTwice() {
        transport.publisher(TOPOLOGY).publish(message("notification", "{}"));
        ReceivedMessage d = single(drain(work));
        work.deadLetter(List.of(new DeadLetter(d, "first")));

        OperationResult again = work.deadLetter(List.of(new DeadLetter(d, "second")));

        assertThat(again.failed()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid"));
        assertThat(single(transport.messages("work-dlq")).deadLetterReason()).contains("first");
    }

    @Test
    void aRedrivenStandardMessageKeepsItsRetentionClock() {
        Topology t = Topology.builder("short")
                .queue(QueueSpec.builder("src").retention(Duration.ofDays(4)).deadLetterQueue("dlq", 1).build())
                .queue(QueueSpec.builder("dlq").retention(Duration.ofDays(2)).build())
                .route(Route.toQueue("src")).build();
        transport.provision(t);
        transport.publisher(t).publish(message("notification", "{}"));
        MessageSource src = transport.source(t, "src");
        single(drain(src));
        clock.advance(Duration.ofDays(1));
        assertThat(drain(src)).isEmpty();
        assertThat(transport.queueDepth("dlq")).isEqualTo(1);

        clock.advance(Duration.ofDays(1));

        assertThat(transport.stats("dlq").total()).as("2 days after the original enqueue").isZero();
    }
}
