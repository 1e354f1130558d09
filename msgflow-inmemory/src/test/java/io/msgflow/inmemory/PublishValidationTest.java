package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.MessageLimits;
import io.msgflow.MessageValidationException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.TransportException;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
class PublishValidationTest {
    private static final Topology TOPIC = Topology.builder("events").queue("all").route(Route.toQueue("all")).build();
    private static final Topology FIFO = Topology.builder("orders.fifo").queue("orders.fifo").route(Route.toQueue("orders.fifo")).build();

    private static List<Message> messages(int count) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(message("notification", "{\"i\":" + i + "}"));
        }
        return all;
    }

    @Test
    void aBatchOfElevenIsRejectedBeforeAnythingIsPublished(InMemoryTransport transport) {
        transport.provision(TOPIC);

        assertThatThrownBy(() -> transport.publisher(TOPIC).publishBatch(messages(11)))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("topic 'events'").hasMessageContaining("1 to 10 entries").hasMessageContaining("11 entries");
        assertThat(transport.stats("all").total()).isZero();
    }

    @Test
    void aBatchOverTwoHundredFiftySixKibIsRejectedBeforeAnythingIsPublished(InMemoryTransport transport) {
        transport.provision(TOPIC);
        String body = "x".repeat(100 * 1024);

        assertThatThrownBy(() -> transport.publisher(TOPIC).publishBatch(List.of(message("n", body), message("n", body), message("n", body))))
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("262144 bytes");
        assertThat(transport.stats("all").total()).isZero();
    }

    @Test
    void oneInvalidEntryKeepsTheWholeBatchFromBeingPublished(InMemoryTransport transport) {
        transport.provision(TOPIC);
        List<Message> batch = messages(3);
        batch.add(1, message("notification", "y".repeat(MessageLimits.MAX_MESSAGE_BYTES)));

        assertThatThrownBy(() -> transport.publisher(TOPIC).publishBatch(batch))
                .isInstanceOf(MessageValidationException.class).hasMessageContaining(batch.get(1).id()).hasMessageContaining("256 KiB");
        assertThatThrownBy(() -> transport.queueSender(TOPIC, "all").publishBatch(batch)).isInstanceOf(MessageValidationException.class);
        assertThat(transport.stats("all").total()).isZero();
    }

    @Test
    void publishAllChunksAndReportsEveryMessage(InMemoryTransport transport) {
        transport.provision(TOPIC);
        List<Message> all = messages(25);

        PublishResult result = transport.publisher(TOPIC).publishAll(all);

        assertThat(result.failed()).isEmpty();
        assertThat(result.successful()).extracting(r -> r.messageId()).containsExactlyElementsOf(all.stream().map(Message::id).toList());
        assertThat(result.successful()).extracting(r -> r.transportMessageId()).doesNotHaveDuplicates();
        assertThat(transport.queueDepth("all")).isEqualTo(25);
    }

    @Test
    void anUnknownTopicOrQueueIsNamed(InMemoryTransport transport) {
        Topology missing = Topology.builder("nowhere").queue("ghost").route(Route.toQueue("ghost")).build();

        assertThatThrownBy(() -> transport.publisher(missing).publish(message("n", "{}")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.TOPIC);
                    assertThat(e.name()).isEqualTo("nowhere");
                });
        assertThatThrownBy(() -> transport.queueSender(missing, "ghost").publish(message("n", "{}")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.QUEUE))
                .hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> transport.source(missing, "ghost").receive(1, Duration.ZERO))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("'ghost'");
        assertThatThrownBy(() -> transport.stats("ghost")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void publishersCreatedBeforeProvisioningWorkOnceItRan(InMemoryTransport transport) {
        var publisher = transport.publisher(TOPIC);
        transport.provision(TOPIC);

        publisher.publish(message("n", "{}"));

        assertThat(transport.queueDepth("all")).isEqualTo(1);
    }

    @Test
    void fifoTopicsAndQueuesNeedAGroupId(InMemoryTransport transport) {
        transport.provision(FIFO);
        Message noGroup = Message.builder().type("n").body("{}").deduplicationId("d").build();

        assertThatThrownBy(() -> transport.publisher(FIFO).publish(noGroup)).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("topic 'orders.fifo'").hasMessageContaining("needs a message group id");
        assertThatThrownBy(() -> transport.queueSender(FIFO, "orders.fifo").publish(noGroup)).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("queue 'orders.fifo'").hasMessageContaining("needs a message group id");
        assertThat(transport.stats("orders.fifo").total()).isZero();
    }

    @Test
    void fifoNeedsADeduplicationIdUnlessContentBased(InMemoryTransport transport) {
        transport.provision(FIFO);
        Message noDedup = Fixtures.fifo("g", null, "{}");

        assertThatThrownBy(() -> transport.publisher(FIFO).publish(noDedup)).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("content-based deduplication needs a deduplication id");
        Topology contentBased = Topology.builder("cb.fifo").contentBasedDeduplication(true).queue("cb.fifo").route(Route.toQueue("cb.fifo")).build();
        transport.provision(contentBased);
        transport.publisher(contentBased).publish(noDedup);
        assertThat(transport.queueDepth("cb.fifo")).isEqualTo(1);
    }

    @Test
    void aStandardQueueRefusesADeduplicationId(InMemoryTransport transport) {
        transport.provision(TOPIC);
        Message withDedup = Message.builder().type("n").body("{}").deduplicationId("d-1").build();

        assertThatThrownBy(() -> transport.queueSender(TOPIC, "all").publish(withDedup)).isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("queue 'all'").hasMessageContaining("only for FIFO queues").hasMessageContaining("'d-1'");
    }

    @Test
    void provisioningTwiceChangesNothingAndConflictsAreNamed(InMemoryTransport transport) {
        transport.provision(TOPIC);
        transport.publisher(TOPIC).publish(message("n", "{}"));
        transport.provision(TOPIC);
        assertThat(transport.queueDepth("all")).isEqualTo(1);

        Topology conflicting = Topology.builder("events")
                .queue(io.msgflow.topology.QueueSpec.builder("all").visibilityTimeout(Duration.ofMinutes(5)).build())
                .route(Route.toQueue("all")).build();
        assertThatThrownBy(() -> transport.provision(conflicting)).hasMessageContaining("queue 'all' exists with other attributes")
                .hasMessageContaining("visibility=PT5M");
        Topology otherRoute = Topology.builder("events").queue("all").routeType("alert", "all").build();
        assertThatThrownBy(() -> transport.provision(otherRoute)).hasMessageContaining("queue 'all' is subscribed to topic 'events'");
    }

    @Test
    void aClosedTransportRefusesWork(TestClock clock) {
        InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
        transport.provision(TOPIC);
        var publisher = transport.publisher(TOPIC);
        transport.close();

        assertThatThrownBy(() -> publisher.publish(message("n", "{}"))).isInstanceOf(TransportException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> transport.source(TOPIC, "all").receive(1, Duration.ZERO)).isInstanceOf(TransportException.class);
    }
}
