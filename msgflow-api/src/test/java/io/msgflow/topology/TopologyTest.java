package io.msgflow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.Message;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.filter.FilterScope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private final Topology workflow = Topology.builder("messages")
            .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
            .queue(QueueSpec.builder("alerts").deadLetterQueue("alerts-dlq", 3).build())
            .routeType("notification", "notifications")
            .routeType("critical_alert", "alerts")
            .build();

    @Test
    void declaresDeadLetterQueuesItself() {
        assertThat(workflow.queues()).extracting(QueueSpec::name)
                .containsExactly("notifications", "alerts", "notifications-dlq", "alerts-dlq");
        assertThat(workflow.requireQueue("alerts").redrive()).contains(new RedrivePolicy("alerts-dlq", 3));
    }

    @Test
    void routesEachTypeToItsOwnQueue() {
        MessageRouter router = MessageRouter.of(workflow);
        assertThat(router.queuesFor(Message.of("notification", "{}"))).containsExactly("notifications");
        assertThat(router.queuesFor(Message.of("critical_alert", "{}"))).containsExactly("alerts");
        assertThat(router.queuesFor(Message.of("invoice", "{}"))).isEmpty();
    }

    @Test
    void routesByBodyWhenThePolicyScopeIsTheBody() {
        Topology t = Topology.builder("t").queue("eu")
                .route(Route.toQueue("eu").filter(FilterPolicy.parse("{\"region\":[\"eu-west-1\"]}", FilterScope.MESSAGE_BODY)))
                .build();
        MessageRouter router = MessageRouter.of(t);
        assertThat(router.queuesFor(Message.of("x", "{\"region\":\"eu-west-1\"}"))).containsExactly("eu");
        assertThat(router.queuesFor(Message.of("x", "{\"region\":\"us-east-1\"}"))).isEmpty();
    }

    @Test
    void anUnfilteredRouteReceivesEverything() {
        Topology t = Topology.builder("t").queue("audit").route(Route.toQueue("audit").delivery(Delivery.ENVELOPE)).build();
        assertThat(MessageRouter.of(t).queuesFor(Message.of("anything", "{}"))).containsExactly("audit");
    }

    @Test
    void aTypeRouteDeclaresItsDeliveryRawByDefault() {
        Topology t = Topology.builder("t").queue("old").queue("new")
                .routeType("notification", "old", Delivery.ENVELOPE)
                .routeType("notification", "new")
                .build();

        assertThat(t.routes()).extracting(Route::queue, Route::delivery)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old", Delivery.ENVELOPE),
                        org.assertj.core.groups.Tuple.tuple("new", Delivery.RAW));
        assertThat(t.routes().get(0).filterPolicy()).isEqualTo(t.routes().get(1).filterPolicy());
    }

    @Test
    void listsTheQueuesThatHaveNoDeadLetterQueueLeavingOutTheDeadLetterQueuesThemselves() {
        Topology t = Topology.builder("t")
                .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
                .queue("legacy")
                .routeType("notification", "legacy")
                .build();

        assertThat(t.queuesWithoutDeadLetterQueue()).extracting(QueueSpec::name).containsExactly("legacy");
        assertThat(workflow.queuesWithoutDeadLetterQueue()).isEmpty();
    }

    @Test
    void rejectsARouteToAnUndeclaredQueue() {
        assertThatThrownBy(() -> Topology.builder("t").queue("a").routeType("x", "b").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("queue 'b' is not declared in the topology of topic 't'");
    }

    @Test
    void rejectsAStandardQueueBehindAFifoTopic() {
        assertThatThrownBy(() -> Topology.builder("t.fifo").queue("q").routeType("x", "q").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("topic 't.fifo' is FIFO and can deliver only to FIFO queues");
    }

    @Test
    void rejectsAStandardDeadLetterQueueForAFifoQueue() {
        assertThatThrownBy(() -> QueueSpec.builder("q.fifo").deadLetterQueue("dlq", 3).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("the dead-letter queue of a FIFO queue must be FIFO, but was 'dlq'");
    }

    @Test
    void rejectsTwoRoutesToOneQueue() {
        assertThatThrownBy(() -> Topology.builder("t").queue("q").routeType("a", "q").routeType("b", "q").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("queue 'q' has two routes");
    }

    @Test
    void checksQueueSettingsAgainstTheSqsLimits() {
        assertThatThrownBy(() -> QueueSpec.builder("q").visibilityTimeout(Duration.ofHours(13)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`visibilityTimeout` must be between 0 s and 12 h, but was 13 h");
        assertThatThrownBy(() -> QueueSpec.builder("q").delay(Duration.ofMinutes(16)))
                .hasMessage("`delay` must be between 0 s and 15 min, but was 16 min");
        assertThatThrownBy(() -> QueueSpec.builder("q").deadLetterQueue("d", 0))
                .hasMessage("`maxReceiveCount` must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> QueueSpec.named("bad name"))
                .hasMessageContaining("`queue name` must be 1 to 80 characters")
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> QueueSpec.named("x".repeat(81)))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void isAPlainComparableValue() {
        Topology again = Topology.builder("messages")
                .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
                .queue(QueueSpec.builder("alerts").deadLetterQueue("alerts-dlq", 3).build())
                .routeType("notification", "notifications")
                .routeType("critical_alert", "alerts")
                .build();
        assertThat(again).isEqualTo(workflow).hasSameHashCodeAs(workflow);
        assertThat(workflow.toString()).contains("notifications-dlq", "message_type");
    }
}
