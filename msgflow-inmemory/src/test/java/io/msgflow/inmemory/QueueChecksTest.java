package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.fifo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishReceipt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a test author meets first: a mistyped queue, the depth of a FIFO queue, receipts of duplicates. */
@ExtendWith(InMemoryTransportExtension.class)
class QueueChecksTest {
    private static final Topology FIFO = Topology.builder("orders.fifo")
            .queue(QueueSpec.builder("orders.fifo").deadLetterQueue("orders-dlq.fifo", 3).build())
            .route(Route.toQueue("orders.fifo"))
            .build();

    @Test
    void aSourceOfAQueueTheTopologyDoesNotDeclareFailsAtOnceNamingTheDeclaredQueues(InMemoryTransport transport) {
        transport.provision(FIFO);

        assertThatThrownBy(() -> transport.source(FIFO, "order.fifo"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'order.fifo'").hasMessageContaining("orders.fifo");
        assertThatThrownBy(() -> transport.queueSender(FIFO, "order.fifo"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("'order.fifo'");
    }

    @Test
    void queueDepthCountsOnlyWhatAReceiveCanTakeNowAndStatsSayWhatIsHeldBack(InMemoryTransport transport) {
        transport.provision(FIFO);
        transport.publisher(FIFO).publishAll(List.of(fifo("a", "a1", "a1"), fifo("a", "a2", "a2"), fifo("b", "b1", "b1")));
        MessageSource source = transport.source(FIFO, "orders.fifo");

        source.receive(1, Duration.ZERO);

        assertThat(transport.queueDepth("orders.fifo")).isEqualTo(1);
        QueueStats stats = transport.stats("orders.fifo");
        assertThat(stats.visible()).isEqualTo(2);
        assertThat(stats.heldBack()).isEqualTo(1);
        assertThat(stats.receivable()).isEqualTo(1);
        assertThat(stats.inFlight()).isEqualTo(1);
    }

    @Test
    void aDeduplicatedPublishAnswersWithTheIdThatReachedTheQueue(InMemoryTransport transport) {
        transport.provision(FIFO);
        PublishReceipt original = transport.publisher(FIFO).publish(fifo("a", "same", "first"));

        PublishReceipt repeat = transport.publisher(FIFO).publish(fifo("a", "same", "second"));

        assertThat(repeat.messageId()).isEqualTo(original.messageId());
        assertThat(repeat.transportMessageId()).isEqualTo(original.transportMessageId());
        assertThat(transport.messages("orders.fifo")).extracting(QueuedMessage::id).containsExactly(original.messageId());
    }

    @Test
    void nextDeadlineIsTheEarliestEndOfADelayOrVisibilityTimeout(InMemoryTransport transport, TestClock clock) {
        Topology delayed = Topology.builder("events")
                .queue(QueueSpec.builder("slow").delay(Duration.ofSeconds(30)).visibilityTimeout(Duration.ofSeconds(10)).build())
                .route(Route.toQueue("slow"))
                .build();
        transport.provision(delayed);
        assertThat(transport.nextDeadline("slow")).isEmpty();

        transport.publisher(delayed).publish(Fixtures.message("notification", "{}"));
        assertThat(transport.nextDeadline("slow")).contains(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(transport.nextDeadline("slow")).as("visible now: nothing pending by the clock").isEmpty();
        transport.source(delayed, "slow").receive(1, Duration.ZERO);
        assertThat(transport.nextDeadline("slow")).contains(clock.instant().plusSeconds(10));
    }
}
