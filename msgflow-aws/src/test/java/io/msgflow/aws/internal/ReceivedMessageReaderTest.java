package io.msgflow.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.internal.SnsEnvelope;
import io.msgflow.internal.Deliveries;
import io.msgflow.topology.Delivery;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class ReceivedMessageReaderTest {
    private static final WireFormat WIRE = WireFormat.defaults();
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:events";

    private final Message message = Message.builder().type("notification").body("{\"text\":\"hi\"}")
            .attribute("store", "example_corp")
            .attribute("tags", MessageAttribute.stringArray(List.of("a", "b")))
            .attribute("sig", MessageAttribute.binary(new byte[] {1, 2, (byte) 0xff})).build();

    @Test
    void rawDeliveryKeepsBodyAttributesIdTypeAndSystemAttributes() {
        ReceivedMessage d = reader(Delivery.RAW).read(sqs(message.body(), WireAttributes.toSqs(WIRE.wireAttributes(message)))
                .attributesWithStrings(Map.of("ApproximateReceiveCount", "3", "SentTimestamp", "1700000000123")).build());

        assertThat(d.id()).isEqualTo(message.id());
        assertThat(d.type()).contains("notification");
        assertThat(d.body()).isEqualTo(message.body());
        assertThat(d.attributes()).isEqualTo(WIRE.wireAttributes(message));
        assertThat(d.receiveCount()).isEqualTo(3);
        assertThat(d.sentAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(d.transportMessageId()).isEqualTo("sqs-id");
        assertThat(d.problem()).isEmpty();
    }

    @Test
    void envelopeDeliveryUnwrapsToTheSameMessageAsRawDelivery() {
        String envelope = SnsEnvelope.write(TOPIC_ARN, TOPIC_ARN + ":sub", "sns-id", Optional.empty(), Optional.empty(),
                message.body(), Instant.parse("2024-01-01T00:00:00Z"), WIRE.wireAttributes(message));

        ReceivedMessage d = reader(Delivery.ENVELOPE).read(sqs(envelope, Map.of()).build());

        assertThat(d.problem()).isEmpty();
        assertThat(d.id()).isEqualTo(message.id());
        assertThat(d.body()).isEqualTo(message.body());
        assertThat(d.attributes()).isEqualTo(WIRE.wireAttributes(message));
        assertThat(d.toMessage(WIRE.userAttributes(d.attributes())).attributes()).isEqualTo(message.attributes());
    }

    @Test
    void anEnvelopeWithoutMsgflowIdTakesTheSnsMessageId() {
        String envelope = SnsEnvelope.write(TOPIC_ARN, TOPIC_ARN + ":sub", "sns-id", Optional.empty(), Optional.empty(),
                "{}", Instant.parse("2024-01-01T00:00:00Z"), Map.of("message_type", MessageAttribute.string("notification")));

        assertThat(reader(Delivery.ENVELOPE).read(sqs(envelope, Map.of()).build()).id()).isEqualTo("sns-id");
    }

    @Test
    void aBodyThatIsNoEnvelopeOnAnEnvelopeQueueIsAProblemNotAnException() {
        ReceivedMessage d = reader(Delivery.ENVELOPE).read(sqs("{\"Type\":\"Notification\"", Map.of()).build());

        assertThat(d.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("not a readable SNS envelope").contains("no String attribute 'message_type' with the message type"));
        assertThat(d.id()).isEqualTo("sqs-id");
        assertThat(d.type()).isEmpty();
    }

    @Test
    void anUnreadableAttributeIsLeftOutAndNamedInTheProblem() {
        var attributes = new java.util.LinkedHashMap<>(WireAttributes.toSqs(WIRE.wireAttributes(message)));
        attributes.put("count", software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                .dataType("Number").stringValue("many").build());

        ReceivedMessage d = reader(Delivery.RAW).read(sqs(message.body(), attributes).build());

        assertThat(d.attributes()).doesNotContainKey("count").containsKey("store");
        assertThat(d.problem()).hasValueSatisfying(p -> assertThat(p).contains("'count'").contains("many"));
    }

    @Test
    void fifoGroupComesFromTheSystemAttribute() {
        ReceivedMessage d = reader(Delivery.RAW).read(sqs(message.body(), WireAttributes.toSqs(WIRE.wireAttributes(message)))
                .attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, "g-1")).build());

        assertThat(d.groupId()).contains("g-1");
    }

    private static ReceivedMessageReader reader(Delivery delivery) {
        return new ReceivedMessageReader("q", WIRE, delivery == Delivery.RAW ? Deliveries.Unwrapping.NEVER : Deliveries.Unwrapping.EXPECTED);
    }

    private static software.amazon.awssdk.services.sqs.model.Message.Builder sqs(
            String body, Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes) {
        return software.amazon.awssdk.services.sqs.model.Message.builder().messageId("sqs-id").receiptHandle("rh").body(body)
                .messageAttributes(attributes);
    }
}
