package io.msgflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MicrometerProcessingListenerTest {
    record Ping(int n) {
    }

    @Test
    void countsEveryOutcomePerQueue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MessageCodec codec = MessageCodec.builder().register(Ping.class).build();
        MessageProcessor processor = MessageProcessor.builder(codec)
                .listener(new MicrometerProcessingListener(registry, "pings"))
                .on(Ping.class, (p, ctx) -> {
                    if (p.n() == 2) {
                        throw new IllegalStateException("flaky");
                    }
                    return null;
                }).build();
        processor.process(List.of(delivery(codec.encode(new Ping(1))), delivery(codec.encode(new Ping(2))),
                delivery(Message.of("unknown", "{}"))));
        assertThat(registry.get("msgflow.messages.received").tag("queue", "pings").counter().count()).isEqualTo(3);
        assertThat(registry.get("msgflow.messages.processed").counter().count()).isEqualTo(1);
        assertThat(registry.get("msgflow.messages.failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("msgflow.messages.dead.lettered").counter().count())
                .as("counted once the move succeeded, at settlement; process() moves nothing").isZero();
        assertThat(registry.get("msgflow.processing.latency").timer().count()).isEqualTo(1);
    }

    private static ReceivedMessage delivery(Message m) {
        return new ReceivedMessage("pings", m.id(), "sqs-" + m.id(), "rh-" + m.id(), 1, Instant.EPOCH, Optional.of(m.type()), m.body(),
                WireFormat.defaults().wireAttributes(m), Optional.empty(), Optional.empty());
    }
}
