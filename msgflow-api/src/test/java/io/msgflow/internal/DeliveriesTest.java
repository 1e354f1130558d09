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
}
