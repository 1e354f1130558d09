package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.AttributeType;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.MessageValidationException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.codec.MessageCodec;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SNS publisher and SQS source against fauxqs over the wire: typed publish, batching, envelopes, bad input. */
class FauxqsPublishAndReceiveIT {
    record Notification(String text, int level) {
    }

    record CriticalAlert(String host) {
    }

    private static FauxqsServer server;
    private static AwsTransport transport;

    private Topology topology;
    private String notifications;
    private String alerts;

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

    @BeforeEach
    void provision() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        notifications = "notifications-" + suffix;
        alerts = "alerts-" + suffix;
        topology = Topology.builder("events-" + suffix).queue(notifications).queue(alerts)
                .routeType("notification", notifications)
                .route(Route.toQueue(alerts).filter(io.msgflow.filter.FilterPolicy.matchingTypes("message_type", "critical_alert"))
                        .delivery(Delivery.ENVELOPE))
                .build();
        transport.provision(topology);
        transport.requestCounter().reset();
    }

    @Test
    void typedPublishThroughTheCodecRoutesByTheTypeAttribute() {
        MessageCodec codec = MessageCodec.builder().register(Notification.class).register(CriticalAlert.class).build();
        Message notification = codec.encode(new Notification("disk at 80%", 2));
        Message alert = codec.encode(new CriticalAlert("db-1"));

        transport.publisher(topology).publish(notification);
        transport.publisher(topology).publish(alert);

        ReceivedMessage raw = receiveOne(transport.source(topology, notifications));
        ReceivedMessage enveloped = receiveOne(transport.source(topology, alerts));
        assertThat(raw.attributes()).containsEntry("message_type", MessageAttribute.string("notification"));
        assertThat(codec.decode(raw.toMessage(topology.wireFormat().userAttributes(raw.attributes())), Notification.class))
                .isEqualTo(new Notification("disk at 80%", 2));
        assertThat(enveloped.problem()).isEmpty();
        assertThat(enveloped.id()).isEqualTo(alert.id());
        assertThat(codec.decode(enveloped.toMessage(Map.of()), CriticalAlert.class)).isEqualTo(new CriticalAlert("db-1"));
    }

    @Test
    void publishAllSendsTwentyFiveMessagesInThreePublishBatchRequests() {
        List<Message> messages = IntStream.range(0, 25).mapToObj(i -> Message.of("notification", "{\"n\":" + i + "}")).toList();

        PublishResult result = transport.publisher(topology).publishAll(messages);

        assertThat(result.failed()).isEmpty();
        assertThat(result.successful()).extracting(r -> r.messageId()).containsExactlyElementsOf(messages.stream().map(Message::id).toList());
        assertThat(result.successful()).allSatisfy(r -> assertThat(r.transportMessageId()).isNotBlank());
        assertThat(transport.requestCounter().snapshot()).containsEntry("SNS.PublishBatch", 3L);
        assertThat(drain(transport.source(topology, notifications), 25)).hasSize(25);
    }

    @Test
    void stringArrayAttributeArrivesAsStringArrayThroughRawDelivery() {
        Message m = Message.builder().type("notification").body("{}")
                .attribute("interests", MessageAttribute.stringArray(List.of("rugby", "soccer"))).build();

        transport.publisher(topology).publish(m);

        MessageAttribute received = receiveOne(transport.source(topology, notifications)).attributes().get("interests");
        assertThat(received.type()).isEqualTo(AttributeType.STRING_ARRAY);
        assertThat(received.stringValue()).isEqualTo("[\"rugby\",\"soccer\"]");
    }

    @Test
    void oversizeMessageIsRejectedBeforeAnyRequest() {
        Message big = Message.of("notification", "\"" + "x".repeat(MessageLimits.MAX_MESSAGE_BYTES) + "\"");

        assertThatThrownBy(() -> transport.publisher(topology).publish(big))
                .isInstanceOf(MessageValidationException.class).hasMessageContaining(big.id()).hasMessageContaining("262144");
        assertThatThrownBy(() -> transport.publisher(topology).publishAll(List.of(Message.of("notification", "{}"), big)))
                .isInstanceOf(MessageValidationException.class);
        assertThat(transport.requestCounter().total()).isZero();
    }

    @Test
    void tooManyAttributesAreRejectedBeforeAnyRequest() {
        Message.Builder b = Message.builder().type("notification").body("{}");
        IntStream.range(0, 9).forEach(i -> b.attribute("a" + i, "v"));

        assertThatThrownBy(b::build)
                .isInstanceOf(MessageValidationException.class).hasMessageContaining("at most 8 user attributes");
        assertThat(transport.requestCounter().total()).isZero();
    }

    @Test
    void publishingToATopicThatDoesNotExistNamesIt() {
        Topology missing = Topology.builder("missing-" + UUID.randomUUID()).build();

        assertThatThrownBy(() -> transport.publisher(missing).publish(Message.of("notification", "{}")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.TOPIC);
                    assertThat(e.name()).isEqualTo(missing.topic());
                });
    }

    @Test
    void publishingToATopicArnThatDoesNotExistIsReportedAsNotFound() {
        try (AwsTransport byAccount = Peers.transport(server.endpoint(), AwsServices.SNS_AND_SQS).accountId("000000000000").build()) {
            Topology missing = Topology.builder("missing-" + UUID.randomUUID()).build();

            assertThatThrownBy(() -> byAccount.publisher(missing).publishBatch(List.of(Message.of("notification", "{}"))))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.name()).isEqualTo(missing.topic()));
        }
    }

    @Test
    void receivingFromAQueueThatDoesNotExistNamesIt() {
        Topology t = Topology.builder("t-" + UUID.randomUUID().toString().substring(0, 8)).queue("nowhere-" + UUID.randomUUID()).build();
        String queue = t.queues().get(0).name();

        assertThatThrownBy(() -> transport.source(t, queue).receive(1, Duration.ZERO))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ResourceNotFoundException.Kind.QUEUE);
                    assertThat(e.name()).isEqualTo(queue);
                });
    }

    @Test
    void queueSenderWithBasicMultilingualPlaneTextRoundTrips() {
        Message m = Message.builder().type("notification").body("{\"text\":\"Grüße, 東京 ☃\"}").attribute("city", "Zürich").build();

        transport.queueSender(topology, notifications).publish(m);

        ReceivedMessage d = receiveOne(transport.source(topology, notifications));
        assertThat(d.body()).isEqualTo(m.body());
        assertThat(d.attributes()).isEqualTo(topology.wireFormat().wireAttributes(m));
    }

    @Test
    void aDeliveryWithoutTypeHasAProblemInsteadOfAnException() {
        String url = transport.sqsClient().getQueueUrl(r -> r.queueName(notifications)).queueUrl();
        transport.sqsClient().sendMessage(r -> r.queueUrl(url).messageBody("{\"foreign\":true}"));

        ReceivedMessage d = receiveOne(transport.source(topology, notifications));

        assertThat(d.type()).isEmpty();
        assertThat(d.problem()).hasValueSatisfying(p -> assertThat(p).contains("message_type"));
        assertThat(d.id()).isEqualTo(d.transportMessageId());
        assertThatThrownBy(() -> d.toMessage(Map.of())).isInstanceOf(MessageValidationException.class);
    }

    @Test
    void anUnreadableEnvelopeOnAnEnvelopeQueueHasAProblem() {
        String url = transport.sqsClient().getQueueUrl(r -> r.queueName(alerts)).queueUrl();
        transport.sqsClient().sendMessage(r -> r.queueUrl(url).messageBody("{\"Type\":\"Notification\",\"TopicArn\":42}"));

        ReceivedMessage d = receiveOne(transport.source(topology, alerts));

        assertThat(d.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a readable SNS envelope"));
    }

    private static ReceivedMessage receiveOne(MessageSource source) {
        List<ReceivedMessage> received = drain(source, 1);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static List<ReceivedMessage> drain(MessageSource source, int expected) {
        List<ReceivedMessage> all = new ArrayList<>();
        for (int polls = 0; polls < 20 && all.size() < expected; polls++) {
            List<ReceivedMessage> batch = source.receive(10, Duration.ofSeconds(1));
            all.addAll(batch);
            if (!batch.isEmpty()) {
                assertThat(source.acknowledge(batch).failed()).isEmpty();
            }
        }
        return all;
    }
}
