package io.msgflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveriesTest {
    private final WireFormat wire = WireFormat.defaults();
    private final Message message = Message.builder().type("notification").body("{\"text\":\"hi\"}")
            .attribute("severity", MessageAttribute.number(3)).build();

    private ReceivedMessage receive(String body, Map<String, MessageAttribute> attributes) {
        return Deliveries.toReceived(new Deliveries.SqsDelivery("q", "sqs-1", "rh-1", 2, Instant.EPOCH, body, attributes,
                Optional.empty()), wire);
    }

    @Test
    void aRawDeliveryKeepsBodyAttributesAndMsgflowId() {
        ReceivedMessage r = receive(message.body(), wire.wireAttributes(message));
        assertThat(r.id()).isEqualTo(message.id());
        assertThat(r.type()).contains("notification");
        assertThat(r.body()).isEqualTo(message.body());
        assertThat(r.receiveCount()).isEqualTo(2);
        assertThat(r.problem()).isEmpty();
        assertThat(r.toMessage(wire.userAttributes(r.attributes())).attributes()).isEqualTo(message.attributes());
    }

    @Test
    void anEnvelopeIsUnwrappedToTheSameMessage() {
        String envelope = SnsEnvelope.write("arn:aws:sns:us-east-1:000000000000:t", "arn:aws:sns:us-east-1:000000000000:t:s",
                "sns-1", Optional.empty(), Optional.empty(), message.body(), Instant.EPOCH, wire.wireAttributes(message));
        ReceivedMessage r = receive(envelope, Map.of());
        assertThat(r.id()).isEqualTo(message.id());
        assertThat(r.body()).isEqualTo(message.body());
        assertThat(r.attributes()).isEqualTo(wire.wireAttributes(message));
    }

    @Test
    void withoutMsgflowIdTheSnsMessageIdThenTheSqsMessageIdIsTheId() {
        Map<String, MessageAttribute> typeOnly = Map.of("message_type", MessageAttribute.string("notification"));
        String envelope = SnsEnvelope.write("arn:aws:sns:us-east-1:000000000000:t", "arn:aws:sns:us-east-1:000000000000:t:s",
                "sns-1", Optional.empty(), Optional.empty(), "{}", Instant.EPOCH, typeOnly);
        assertThat(receive(envelope, Map.of()).id()).isEqualTo("sns-1");
        assertThat(receive("{}", typeOnly).id()).isEqualTo("sqs-1");
    }

    @Test
    void aDeliveryWithoutTypeCarriesAProblemInsteadOfThrowing() {
        ReceivedMessage r = receive("{}", Map.of());
        assertThat(r.type()).isEmpty();
        assertThat(r.problem()).contains("no String attribute 'message_type' with the message type");
    }

    @Test
    void aForeignDeliveryWhoseIdCannotKeyASinkCarriesAProblemAndItsSqsMessageId() {
        Map<String, MessageAttribute> longId = Map.of("message_type", MessageAttribute.string("notification"),
                "msgflow_id", MessageAttribute.string("x".repeat(600)));
        ReceivedMessage r = receive("{}", longId);
        assertThat(r.id()).isEqualTo("sqs-1");
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p).contains("id must be 1 to 512 characters, but was 600 characters"));
    }

    @Test
    void anEnvelopeMessageIdWithALoneSurrogateIsAProblemNotAnId() {
        String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"order-\\ud83d\",\"TopicArn\":\"arn:aws:sns:us-east-1:000000000000:t\","
                + "\"Message\":\"{}\",\"Timestamp\":\"2024-01-01T00:00:00.000Z\",\"SignatureVersion\":\"1\",\"Signature\":\"x\","
                + "\"SigningCertURL\":\"https://sns.us-east-1.amazonaws.com/c.pem\",\"UnsubscribeURL\":\"https://sns.us-east-1.amazonaws.com/u\","
                + "\"MessageAttributes\":{\"message_type\":{\"Type\":\"String\",\"Value\":\"notification\"}}}";
        ReceivedMessage r = receive(envelope, Map.of());
        assertThat(r.id()).isEqualTo("sqs-1");
        assertThat(r.problem()).hasValueSatisfying(p -> assertThat(p).contains("id must contain only the characters SQS allows"));
    }

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:t";

    private ReceivedMessage receive(String body, Map<String, MessageAttribute> attributes, Deliveries.Unwrapping how) {
        return Deliveries.toReceived(new Deliveries.SqsDelivery("q", "sqs-1", "rh-1", 1, Instant.EPOCH, body, attributes,
                Optional.empty()).unwrapped(how), wire);
    }

    @Test
    void aRawRouteNeverUnwrapsABodyThatIsAForwardedNotification() {
        Message forwarder = Message.builder().type("audit").body("{}").build();
        String forwarded = SnsEnvelope.write(TOPIC, TOPIC + ":s", "sns-9", Optional.empty(), Optional.empty(), "{\"inner\":true}",
                Instant.EPOCH, Map.of("message_type", MessageAttribute.string("injected"), "msgflow_id", MessageAttribute.string("forged")));

        ReceivedMessage r = receive(forwarded, wire.wireAttributes(forwarder), Deliveries.Unwrapping.NEVER);

        assertThat(r.body()).isEqualTo(forwarded);
        assertThat(r.type()).contains("audit");
        assertThat(r.id()).isEqualTo(forwarder.id());
        assertThat(r.problem()).isEmpty();
    }

    @Test
    void whereSubscriptionsAreUnknownABodyThatOnlyLooksLikeANotificationStaysAsItIs() {
        Message forwarder = Message.builder().type("audit").body("{}").build();
        String lookalike = "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"{}\","
                + "\"MessageAttributes\":{\"message_type\":{\"Type\":\"String\",\"Value\":\"injected\"}}}";

        ReceivedMessage r = receive(lookalike, wire.wireAttributes(forwarder), Deliveries.Unwrapping.DETECT_STRICTLY);

        assertThat(r.body()).isEqualTo(lookalike);
        assertThat(r.type()).contains("audit");
        assertThat(r.attributes()).doesNotContainValue(MessageAttribute.string("injected"));
    }

    @Test
    void whereSubscriptionsAreUnknownACompleteEnvelopeIsUnwrapped() {
        String envelope = SnsEnvelope.write(TOPIC, TOPIC + ":s", "sns-1", Optional.empty(), Optional.empty(), message.body(),
                Instant.EPOCH, wire.wireAttributes(message));

        ReceivedMessage r = receive(envelope, Map.of(), Deliveries.Unwrapping.DETECT_STRICTLY);

        assertThat(r.body()).isEqualTo(message.body());
        assertThat(r.id()).isEqualTo(message.id());
    }

    @Test
    void theRoutesOfATopologyDecideTheUnwrapping() {
        io.msgflow.topology.Topology topology = io.msgflow.topology.Topology.builder("t").queue("raw-q").queue("env-q")
                .queue("dead-letters")
                .route(io.msgflow.topology.Route.toQueue("raw-q").delivery(io.msgflow.topology.Delivery.RAW))
                .route(io.msgflow.topology.Route.toQueue("env-q").delivery(io.msgflow.topology.Delivery.ENVELOPE))
                .build();

        assertThat(Deliveries.Unwrapping.forQueue(topology, "raw-q")).isEqualTo(Deliveries.Unwrapping.NEVER);
        assertThat(Deliveries.Unwrapping.forQueue(topology, "env-q")).isEqualTo(Deliveries.Unwrapping.EXPECTED);
        assertThat(Deliveries.Unwrapping.forQueue(topology, "dead-letters")).isEqualTo(Deliveries.Unwrapping.DETECT_STRICTLY);
    }
}
