package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redrive of what the queue's redrive policy moved: the SNS envelope goes back exactly as it was. */
@ExtendWith(InMemoryTransportExtension.class)
class RedriveTest {
    private static final Topology TOPOLOGY = Topology.builder("events")
            .queue(QueueSpec.builder("wrapped").deadLetterQueue("wrapped-dlq", 2).build())
            .route(Route.toQueue("wrapped").delivery(Delivery.ENVELOPE))
            .build();

    private InMemoryTransport transport;
    private TestClock clock;

    @BeforeEach
    void provision(InMemoryTransport transport, TestClock clock) {
        this.transport = transport;
        this.clock = clock;
        transport.provision(TOPOLOGY);
    }

    @Test
    void aMessageMovedByTheRedrivePolicyIsListedWithoutReasonAndGoesBackAsTheSameEnvelope() {
        Message m = Message.of("notification", "This is a general notification 1.");
        transport.publisher(TOPOLOGY).publish(m);
        MessageSource source = transport.source(TOPOLOGY, "wrapped");
        for (int receive = 0; receive < 2; receive++) {
            single(drain(source));
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(drain(source)).as("the third receive attempt moves it").isEmpty();
        String envelope = single(transport.messages("wrapped-dlq")).sqsBody();

        List<DeadLetterMessage> listed = transport.deadLetterQueue(TOPOLOGY, "wrapped").list(DeadLetterFilter.all(), 10);
        RedriveResult result = transport.deadLetterQueue(TOPOLOGY, "wrapped").redrive(RedriveOptions.all());

        assertThat(listed).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(m.id());
            assertThat(d.body()).isEqualTo("This is a general notification 1.");
            assertThat(d.reason()).isEmpty();
        });
        assertThat(result.method()).isEqualTo(RedriveMethod.RECEIVE_SEND_DELETE);
        assertThat(result.movedIds()).containsExactly(m.id());
        QueuedMessage back = single(transport.messages("wrapped"));
        assertThat(back.sqsBody()).isEqualTo(envelope);
        assertThat(back.id()).isEqualTo(m.id());
        assertThat(transport.messages("wrapped-dlq")).isEmpty();
    }

    @Test
    void listingSpendsNoTimeOfTheClockAndLeavesEveryMessageVisible() {
        transport.queueSender(TOPOLOGY, "wrapped-dlq").publish(Message.of("notification", "{}"));

        transport.deadLetterQueue(TOPOLOGY, "wrapped").list(DeadLetterFilter.all(), 10);

        assertThat(transport.stats("wrapped-dlq").visible()).isEqualTo(1);
    }

    @Test
    void theInMemoryTransportHasNoMoveTask() {
        assertThatThrownBy(() -> transport.deadLetterQueue(TOPOLOGY, "wrapped")
                .redrive(RedriveOptions.builder().method(RedriveMethod.MOVE_TASK).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("wrapped-dlq").hasMessageContaining("move task");
    }
}
