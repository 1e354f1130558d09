package io.msgflow.inmemory;

import static io.msgflow.inmemory.Fixtures.drain;
import static io.msgflow.inmemory.Fixtures.ids;
import static io.msgflow.inmemory.Fixtures.message;
import static io.msgflow.inmemory.Fixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.filter.FilterScope;
import io.msgflow.internal.Json;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.ReceivedMessage;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryTransportExtension.class)
class FanOutTest {
    private static final Topology BY_TYPE = Topology.builder("events")
            .queue("notifications").queue("alerts").queue("audit")
            .routeType("notification", "notifications")
            .routeType("critical_alert", "alerts")
            .route(Route.toQueue("audit"))
            .build();

    private static final Topology RAW_AND_ENVELOPE = Topology.builder("wrapped")
            .queue("raw").queue("enveloped")
            .route(Route.toQueue("raw"))
            .route(Route.toQueue("enveloped").delivery(Delivery.ENVELOPE))
            .build();

    @Test
    void eachTypeReachesOnlyItsQueueAndTheUnfilteredRouteGetsAll(InMemoryTransport transport) {
        transport.provision(BY_TYPE);
        Message notification = message("notification", "{\"n\":1}");
        Message alert = message("critical_alert", "{\"a\":1}");
        Message unknown = message("invoice", "{\"i\":1}");

        transport.publisher(BY_TYPE).publishAll(List.of(notification, alert, unknown));

        assertThat(ids(drain(transport.source(BY_TYPE, "notifications")))).containsExactly(notification.id());
        assertThat(ids(drain(transport.source(BY_TYPE, "alerts")))).containsExactly(alert.id());
        assertThat(ids(drain(transport.source(BY_TYPE, "audit")))).containsExactlyInAnyOrder(notification.id(), alert.id(), unknown.id());
    }

    @Test
    void bodyScopePoliciesFilterOnTheJsonBody(InMemoryTransport transport) {
        Topology t = Topology.builder("orders").queue("big")
                .route(Route.toQueue("big").filter(FilterPolicy.parse("{\"order\":{\"total\":[{\"numeric\":[\">\",100]}]}}",
                        FilterScope.MESSAGE_BODY)))
                .build();
        transport.provision(t);

        transport.publisher(t).publishAll(List.of(message("order", "{\"order\":{\"total\":250}}"),
                message("order", "{\"order\":{\"total\":5}}"), message("order", "not json")));

        assertThat(Fixtures.bodies(drain(transport.source(t, "big")))).containsExactly("{\"order\":{\"total\":250}}");
    }

    @Test
    void rawDeliveryKeepsBodyAndAttributesAsPublished(InMemoryTransport transport, TestClock clock) {
        transport.provision(RAW_AND_ENVELOPE);
        Message m = Message.builder().type("notification").body("{\"x\":\"é\"}").attribute("region", "eu")
                .attribute("weight", MessageAttribute.number(2.5)).build();

        transport.publisher(RAW_AND_ENVELOPE).publish(m);

        QueuedMessage queued = single(transport.messages("raw"));
        assertThat(queued.sqsBody()).isEqualTo(m.body());
        assertThat(queued.sqsAttributes()).isEqualTo(RAW_AND_ENVELOPE.wireFormat().wireAttributes(m));
        assertThat(queued.sentAt()).isEqualTo(clock.instant());
    }

    @Test
    void envelopeDeliveryWrapsTheMessageExactlyAsSnsDoes(InMemoryTransport transport, TestClock clock) {
        transport.provision(RAW_AND_ENVELOPE);
        clock.advance(Duration.ofMillis(1234));
        Message m = Message.builder().type("notification").body("{\"x\":1}").attribute("region", "eu")
                .attribute("blob", MessageAttribute.binary(new byte[] {1, 2, 3})).build();

        PublishReceipt receipt = transport.publisher(RAW_AND_ENVELOPE).publish(m);

        QueuedMessage queued = single(transport.messages("enveloped"));
        assertThat(queued.sqsAttributes()).as("SNS puts the attributes in the envelope, not on the SQS message").isEmpty();
        JsonNode envelope = Json.tryParse(queued.sqsBody());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("MessageId").asText()).isEqualTo(receipt.transportMessageId());
        assertThat(envelope.get("TopicArn").asText()).isEqualTo("arn:aws:sns:us-east-1:000000000000:wrapped");
        assertThat(envelope.get("Message").asText()).isEqualTo("{\"x\":1}");
        assertThat(envelope.get("Timestamp").asText()).isEqualTo("2025-01-01T00:00:01.234Z");
        assertThat(envelope.get("UnsubscribeURL").asText()).contains("SubscriptionArn=arn:aws:sns:us-east-1:000000000000:wrapped:");
        assertThat(envelope.get("MessageAttributes").get("region").get("Type").asText()).isEqualTo("String");
        assertThat(envelope.get("MessageAttributes").get("region").get("Value").asText()).isEqualTo("eu");
        assertThat(envelope.get("MessageAttributes").get("blob").get("Type").asText()).isEqualTo("Binary");
        assertThat(envelope.get("MessageAttributes").get("blob").get("Value").asText()).isEqualTo("AQID");
        assertThat(envelope.get("MessageAttributes").get("message_type").get("Value").asText()).isEqualTo("notification");
        assertThat(envelope.get("MessageAttributes").get("msgflow_id").get("Value").asText()).isEqualTo(m.id());
        assertThat(envelope.has("SequenceNumber")).isFalse();
    }

    @Test
    void sourcesUnwrapTheEnvelopeSoBothDeliveriesReadTheSame(InMemoryTransport transport) {
        transport.provision(RAW_AND_ENVELOPE);
        Message m = Message.builder().type("notification").body("{\"x\":1}").attribute("region", "eu").build();

        transport.publisher(RAW_AND_ENVELOPE).publish(m);

        ReceivedMessage raw = single(drain(transport.source(RAW_AND_ENVELOPE, "raw")));
        ReceivedMessage unwrapped = single(drain(transport.source(RAW_AND_ENVELOPE, "enveloped")));
        assertThat(unwrapped.id()).isEqualTo(m.id()).isEqualTo(raw.id());
        assertThat(unwrapped.type()).contains("notification");
        assertThat(unwrapped.body()).isEqualTo(raw.body()).isEqualTo(m.body());
        assertThat(unwrapped.attributes()).isEqualTo(raw.attributes());
        assertThat(unwrapped.problem()).isEmpty();
        assertThat(unwrapped.toMessage(RAW_AND_ENVELOPE.wireFormat().userAttributes(unwrapped.attributes())).attributes())
                .isEqualTo(m.attributes());
    }

    @Test
    void topicArnsFollowTheConfiguredRegionAndAccount(TestClock clock) {
        try (InMemoryTransport transport = InMemoryTransport.builder().clock(clock).region("eu-central-1").accountId("123456789012").build()) {
            transport.provision(RAW_AND_ENVELOPE);

            transport.publisher(RAW_AND_ENVELOPE).publish(message("notification", "{}"));

            JsonNode envelope = Json.tryParse(single(transport.messages("enveloped")).sqsBody());
            assertThat(envelope.get("TopicArn").asText()).isEqualTo("arn:aws:sns:eu-central-1:123456789012:wrapped")
                    .isEqualTo(transport.topicArn("wrapped"));
            assertThat(envelope.get("SigningCertURL").asText()).startsWith("https://sns.eu-central-1.amazonaws.com/");
        }
    }

    @Test
    void fifoEnvelopesCarryTheSequenceNumberOfTheReceipt(InMemoryTransport transport) {
        Topology t = Topology.builder("orders.fifo").queue("orders.fifo")
                .route(Route.toQueue("orders.fifo").delivery(Delivery.ENVELOPE)).build();
        transport.provision(t);

        PublishReceipt first = transport.publisher(t).publish(Fixtures.fifo("g", "d-1", "{\"n\":1}"));
        PublishReceipt second = transport.publisher(t).publish(Fixtures.fifo("g", "d-2", "{\"n\":2}"));

        List<QueuedMessage> queued = transport.messages("orders.fifo");
        assertThat(queued).hasSize(2);
        assertThat(Json.tryParse(queued.get(0).sqsBody()).get("SequenceNumber").asText()).isEqualTo(first.sequenceNumber().orElseThrow());
        assertThat(Json.tryParse(queued.get(1).sqsBody()).get("SequenceNumber").asText()).isEqualTo(second.sequenceNumber().orElseThrow());
        assertThat(new BigInteger(second.sequenceNumber().get())).isGreaterThan(new BigInteger(first.sequenceNumber().get()));
        assertThat(queued).allSatisfy(q -> assertThat(q.groupId()).contains("g"));
    }

    @Test
    void aRawBodyThatLooksLikeANotificationIsDeliveredAsItIs(InMemoryTransport transport) {
        transport.provision(RAW_AND_ENVELOPE);
        String forwarded = "{\"Type\":\"Notification\",\"MessageId\":\"sns-1\",\"TopicArn\":\"arn:aws:sns:us-east-1:000000000000:x\","
                + "\"Message\":\"{}\",\"MessageAttributes\":{\"message_type\":{\"Type\":\"String\",\"Value\":\"injected\"}}}";
        Message m = message("notification", forwarded);

        transport.queueSender(RAW_AND_ENVELOPE, "raw").publish(m);
        transport.publisher(RAW_AND_ENVELOPE).publish(m);

        List<ReceivedMessage> raw = drain(transport.source(RAW_AND_ENVELOPE, "raw"));
        assertThat(raw).hasSize(2).allSatisfy(d -> {
            assertThat(d.id()).isEqualTo(m.id());
            assertThat(d.type()).contains("notification");
            assertThat(d.body()).isEqualTo(forwarded);
            assertThat(d.problem()).isEmpty();
        });
        ReceivedMessage enveloped = single(drain(transport.source(RAW_AND_ENVELOPE, "enveloped")));
        assertThat(enveloped.body()).as("an envelope route unwraps SNS's envelope, not the one inside").isEqualTo(forwarded);
    }

    @Test
    void aMessageWithoutTheTypeAttributeIsDeliveredWithAProblemAndTheSnsMessageId(InMemoryTransport transport) {
        transport.provision(RAW_AND_ENVELOPE);
        Topology otherFormat = Topology.builder("wrapped").wireFormat(WireFormat.of("kind", "key"))
                .queue("raw").queue("enveloped").route(Route.toQueue("raw"))
                .route(Route.toQueue("enveloped").delivery(Delivery.ENVELOPE)).build();

        PublishReceipt receipt = transport.publisher(RAW_AND_ENVELOPE).publish(message("notification", "{}"));

        ReceivedMessage d = single(drain(transport.source(otherFormat, "enveloped")));
        assertThat(d.type()).isEmpty();
        assertThat(d.id()).isEqualTo(receipt.transportMessageId());
        assertThat(d.problem()).hasValueSatisfying(p -> assertThat(p).contains("'kind'"));
    }

    @Test
    void theSentTimeIsTheClockAtPublish(InMemoryTransport transport, TestClock clock) {
        Topology t = Topology.builder("t").queue(QueueSpec.named("q")).route(Route.toQueue("q")).build();
        transport.provision(t);
        Instant at = clock.advance(Duration.ofHours(3));

        transport.publisher(t).publish(message("notification", "{}"));

        assertThat(single(drain(transport.source(t, "q"))).sentAt()).isEqualTo(at);
    }
}
