package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick start of the project's README, verbatim between the markers. */
class QuickStartExampleTest {

    @Test
    void quickStart() {
        // snippet:quickstart
        record Notification(String text) { }
        record CriticalAlert(String text, int severity) { }

        MessageCodec codec = MessageCodec.builder()
                .register(Notification.class)       // type "notification"
                .register(CriticalAlert.class)      // type "critical_alert"
                .build();

        Topology topology = Topology.builder("messages")
                .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
                .queue(QueueSpec.builder("alerts").deadLetterQueue("alerts-dlq", 5).build())
                .routeType("notification", "notifications")   // SNS filter policy on message_type
                .routeType("critical_alert", "alerts")
                .build();

        InMemorySink sink = new InMemorySink();             // JdbcSink for PostgreSQL
        MessageProcessor processor = MessageProcessor.builder(codec)
                .sink(sink)
                .on(Notification.class, MessageHandler.store())
                .on(CriticalAlert.class, (alert, context) -> alert.severity() > 0 ? alert : null)
                .build();

        try (MessageTransport transport = InMemoryTransport.create()) {   // AwsTransport for SNS/SQS
            transport.provision(topology);
            MessagePublisher publisher = transport.publisher(topology);
            publisher.publishAll(List.of(
                    codec.encode(new Notification("disk at 80%")),
                    codec.encode(new CriticalAlert("disk full", 1))));

            for (String queue : List.of("notifications", "alerts")) {
                MessageSource source = transport.source(topology, queue);
                processor.processAndSettle(source.receive(10, Duration.ofSeconds(1)), source);
            }
        }
        assertThat(sink.rows("notification")).hasSize(1);
        assertThat(sink.rows("critical_alert")).hasSize(1);
        // end-snippet
    }
}
