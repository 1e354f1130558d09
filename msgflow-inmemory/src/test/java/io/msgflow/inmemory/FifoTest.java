package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.bodies;
import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.fifo;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
class FifoTest {
    private static final Topology TOPOLOGY = Topology.builder("orders.fifo")
            .queue(QueueSpec.builder("orders.fifo").deadLetterQueue("orders-dlq.fifo", 2).build())
            .route(Route.toQueue("orders.fifo"))
            .build();

    private InMemoryTransport transport;
    private TestClock clock;
    private MessagePublisher publisher;
    private MessageSource source;

    @BeforeEach
    void provision(InMemoryTransport transport, TestClock clock) {
        this.transport = transport;
        this.clock = clock;
        transport.provision(TOPOLOGY);
        publisher = transport.publisher(TOPOLOGY);
        source = transport.source(TOPOLOGY, "orders.fifo");
    }

    private void publish(String group, String... bodies) {
        for (String body : bodies) {
            publisher.publish(fifo(group, group + "-" + body, body));
        }
    }

    @Test
    void oneReceiveTakesAGroupInOrderThenTheNextGroup() {
        publish("a", "a1", "a2", "a3");
        publish("b", "b1");

        assertThat(bodies(source.receive(10, Duration.ZERO))).containsExactly("a1", "a2", "a3", "b1");
    }

    @Test
    void aGroupIsHeldBackWhileOneOfItsMessagesIsInFlight() {
        publish("a", "a1", "a2");
        publish("b", "b1", "b2");

        List<ReceivedMessage> first = source.receive(1, Duration.ZERO);
        assertThat(bodies(first)).containsExactly("a1");
        assertThat(bodies(source.receive(10, Duration.ZERO))).as("group a blocked, group b proceeds").containsExactly("b1", "b2");
        assertThat(source.receive(10, Duration.ZERO)).isEmpty();
        assertThat(transport.queueDepth("orders.fifo")).as("a2 is visible but held back: no receive can take it").isZero();
        assertThat(transport.stats("orders.fifo")).isEqualTo(new QueueStats(1, 3, 0, 1));

        source.acknowledge(first);

        assertThat(bodies(source.receive(10, Duration.ZERO))).containsExactly("a2");
    }

    @Test
    void aRetriedGroupComesBackInItsOriginalOrder() {
        publish("a", "a1", "a2", "a3");
        List<ReceivedMessage> firstTwo = source.receive(2, Duration.ZERO);
        source.changeVisibility(List.of(firstTwo.get(1)), Duration.ZERO);
        assertThat(source.receive(10, Duration.ZERO)).as("a1 still in flight").isEmpty();

        clock.advance(Duration.ofSeconds(30));

        List<ReceivedMessage> again = source.receive(10, Duration.ZERO);
        assertThat(bodies(again)).containsExactly("a1", "a2", "a3");
        assertThat(again).extracting(ReceivedMessage::receiveCount).containsExactly(2, 2, 1);
    }

    @Test
    void aPoisonMessageMovesToTheDeadLetterQueueAndTheGroupGoesOn() {
        publish("a", "a1", "a2");
        for (int i = 0; i < 2; i++) {
            assertThat(bodies(source.receive(1, Duration.ZERO))).containsExactly("a1");
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(bodies(source.receive(10, Duration.ZERO))).containsExactly("a2");
        QueuedMessage dead = Fixtures.single(transport.messages("orders-dlq.fifo"));
        assertThat(dead.body()).isEqualTo("a1");
        assertThat(dead.groupId()).contains("a");
    }

    @Test
    void aDuplicateWithinFiveMinutesIsAcceptedWithTheOriginalIdsButNotDelivered() {
        Message original = fifo("a", "same", "first");
        Message duplicate = fifo("a", "same", "second");

        PublishReceipt first = publisher.publish(original);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        PublishReceipt second = publisher.publish(duplicate);

        assertThat(second.transportMessageId()).isEqualTo(first.transportMessageId());
        assertThat(second.sequenceNumber()).isEqualTo(first.sequenceNumber());
        assertThat(second.messageId()).as("the id the queue holds").isEqualTo(original.id());
        assertThat(bodies(drain(source))).containsExactly("first");
    }

    @Test
    void theDeduplicationWindowEndsAfterFiveMinutes() {
        PublishReceipt first = publisher.publish(fifo("a", "same", "first"));
        clock.advance(Duration.ofMinutes(5));

        PublishReceipt later = publisher.publish(fifo("a", "same", "later"));

        assertThat(later.transportMessageId()).isNotEqualTo(first.transportMessageId());
        assertThat(bodies(drain(source))).containsExactly("first", "later");
    }

    @Test
    void contentBasedDeduplicationHashesTheBodyOnly() {
        Topology t = Topology.builder("cb.fifo").contentBasedDeduplication(true)
                .queue(QueueSpec.builder("cb.fifo").contentBasedDeduplication(true).build()).route(Route.toQueue("cb.fifo")).build();
        transport.provision(t);
        MessagePublisher cb = transport.publisher(t);

        cb.publish(Message.builder().type("n").body("{\"same\":1}").groupId("g").attribute("x", "1").build());
        cb.publish(Message.builder().type("n").body("{\"same\":1}").groupId("g").attribute("x", "2").build());
        cb.publish(Message.builder().type("n").body("{\"other\":1}").groupId("g").build());
        MessagePublisher direct = transport.queueSender(t, "cb.fifo");
        direct.publish(Message.builder().type("n").body("{\"direct\":1}").groupId("g").build());
        direct.publish(Message.builder().type("n").body("{\"direct\":1}").groupId("g").build());

        assertThat(bodies(drain(transport.source(t, "cb.fifo")))).containsExactly("{\"same\":1}", "{\"other\":1}", "{\"direct\":1}");
    }

    @Test
    void aFifoQueueDeduplicatesDirectSendsToo() {
        MessagePublisher direct = transport.queueSender(TOPOLOGY, "orders.fifo");

        PublishReceipt first = direct.publish(fifo("a", "d-1", "one"));
        PublishReceipt again = direct.publish(fifo("a", "d-1", "one again"));

        assertThat(again.transportMessageId()).isEqualTo(first.transportMessageId());
        assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber()).isPresent();
        assertThat(bodies(drain(source))).containsExactly("one");
    }
}
