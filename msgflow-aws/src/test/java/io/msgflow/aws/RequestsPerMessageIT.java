package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNS + SQS requests per message at steady state, through fauxqs: 10 000 messages of two types
 * published with {@code publishAll} (PublishBatch of 10), fanned out to one queue per type, each
 * drained by long polls of 10 and acknowledged with {@code DeleteMessageBatch}. The floor is 0.30
 * (one request of each kind per 10 messages); provisioning and name resolution are not counted.
 */
class RequestsPerMessageIT {
    private static final int MESSAGES = 10_000;
    private static final double TARGET = 0.32;

    private static FauxqsServer server;
    private static AwsTransport transport;

    @BeforeAll
    static void start() {
        server = FauxqsServer.start();
        transport = Peers.transport(server.endpoint(), AwsServices.SNS_AND_SQS).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    @Test
    void tenThousandMessagesCostAtMostPointThreeTwoRequestsEach() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = Topology.builder("load-" + suffix).queue("notifications-" + suffix).queue("alerts-" + suffix)
                .routeType("notification", "notifications-" + suffix).routeType("critical_alert", "alerts-" + suffix).build();
        transport.provision(topology);
        List<Message> messages = IntStream.range(0, MESSAGES)
                .mapToObj(i -> Message.of(i % 2 == 0 ? "notification" : "critical_alert", "{\"n\":" + i + "}")).toList();
        RequestCounter counter = transport.requestCounter();
        counter.reset();

        PublishResult published = transport.publisher(topology).publishAll(messages);
        Set<String> consumed = new HashSet<>();
        consumed.addAll(drain(transport.source(topology, "notifications-" + suffix), MESSAGES / 2));
        consumed.addAll(drain(transport.source(topology, "alerts-" + suffix), MESSAGES / 2));

        double perMessage = (double) counter.total() / MESSAGES;
        System.out.printf("msgflow-aws on fauxqs: %d SNS + %d SQS requests for %d messages = %.4f requests per message %s%n",
                counter.count("SNS"), counter.count("SQS"), MESSAGES, perMessage, counter.snapshot());
        assertThat(published.failed()).isEmpty();
        assertThat(consumed).hasSize(MESSAGES).containsAll(messages.stream().map(Message::id).toList());
        assertThat(perMessage).isBetween(0.30, TARGET);
    }

    private static Set<String> drain(MessageSource source, int expected) {
        Set<String> ids = new HashSet<>();
        int emptyPolls = 0;
        while (ids.size() < expected && emptyPolls < 3) {
            List<ReceivedMessage> batch = source.receive(10, Duration.ofSeconds(20));
            if (batch.isEmpty()) {
                emptyPolls++;
                continue;
            }
            assertThat(source.acknowledge(batch).failed()).isEmpty();
            batch.forEach(d -> ids.add(d.id()));
        }
        return ids;
    }
}
