package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The consumer snippet of the project's README (region {@code consumer}, checked by DocumentationSnippetsTest). */
class ConsumerSnippetTest {
    record Notification(String text) {
    }

    @Test
    void consumer() {
        MessageCodec codec = MessageCodec.builder().register(Notification.class).build();
        Topology topology = Topology.builder("messages")
                .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
                .routeType("notification", "notifications").build();
        InMemorySink sink = new InMemorySink();
        MessageProcessor processor = MessageProcessor.builder(codec).sink(sink).on(Notification.class, MessageHandler.store()).build();
        try (InMemoryTransport transport = InMemoryTransport.create()) {
            transport.provision(topology);
            transport.publisher(topology).publish(codec.encode(new Notification("disk at 80%")));
            // snippet:consumer
            List<MessageOutcome> failed = new CopyOnWriteArrayList<>();
            MessageConsumer consumer = MessageConsumer.builder(transport.source(topology, "notifications"), processor)
                    .maxPollers(10)                                 // adaptive: 1 poller, up to 10 while receives come back full
                    .errorHandler(new ErrorHandler() {
                        @Override
                        public void messageFailed(MessageOutcome outcome) {
                            failed.add(outcome);                    // alert, count or log as the application likes
                        }
                    })
                    .build();
            consumer.start();
            transport.await(Duration.ofSeconds(10), () -> sink.count() == 1);   // ... the application runs ...
            consumer.stop(Duration.ofSeconds(30));                  // aborts long polls, finishes what started
            // end-snippet
            assertThat(failed).isEmpty();
            assertThat(consumer.isRunning()).isFalse();
        }
    }
}
