package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example of the module's README, verbatim between the markers (checked by the scenarios' DocumentationSnippetsTest). */
// snippet:readme
@ExtendWith(InMemoryTransportExtension.class)
class ReadmeExampleTest {
    static final Topology TOPOLOGY = Topology.builder("events")
            .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 3).build())
            .routeType("notification", "notifications")
            .build();

    @Test
    void anUnacknowledgedMessageEndsInTheDeadLetterQueue(InMemoryTransport transport, TestClock clock) {
        transport.provision(TOPOLOGY);
        transport.publisher(TOPOLOGY).publish(Message.of("notification", "{\"text\":\"hi\"}"));
        MessageSource source = transport.source(TOPOLOGY, "notifications");

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(source.receive(10, Duration.ZERO)).hasSize(1); // and not acknowledged
            clock.advance(Duration.ofSeconds(30));                     // the visibility timeout lapses
        }
        assertThat(source.receive(10, Duration.ZERO)).isEmpty();      // this attempt moves it

        assertThat(transport.messages("notifications-dlq")).singleElement()
                .satisfies(dead -> assertThat(dead.receiveCount()).isEqualTo(3));
    }
}
// end-snippet
