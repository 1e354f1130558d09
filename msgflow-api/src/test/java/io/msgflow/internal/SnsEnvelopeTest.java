package io.msgflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.MessageAttribute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnsEnvelopeTest {
    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:events";
    private static final String SUBSCRIPTION_ARN = TOPIC_ARN + ":c7fe3a54-ab0e-4ec2-88e0-db410a0f2bee";
    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.089Z");

    private static Map<String, MessageAttribute> attributes() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("message_type", MessageAttribute.string("notification"));
        attributes.put("priority", MessageAttribute.number(7));
        attributes.put("tags", MessageAttribute.stringArray(List.of("a", "b")));
        attributes.put("signature", MessageAttribute.binary(new byte[] {0, 1, (byte) 0xFF}));
        return attributes;
    }

    private static JsonNode written(Optional<String> sequenceNumber, Optional<String> subject, Map<String, MessageAttribute> attributes) {
        return Json.tryParse(SnsEnvelope.write(TOPIC_ARN, SUBSCRIPTION_ARN, "m-1", sequenceNumber, subject, "{\"n\":1}", AT, attributes));
    }

    @Test
    void writesTheFieldsSnsSendsInItsOrder() {
        JsonNode envelope = written(Optional.empty(), Optional.of("hello"), attributes());

        List<String> names = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes");
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("MessageId").asText()).isEqualTo("m-1");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(TOPIC_ARN);
        assertThat(envelope.get("Subject").asText()).isEqualTo("hello");
        assertThat(envelope.get("Message").asText()).isEqualTo("{\"n\":1}");
        assertThat(envelope.get("Timestamp").asText()).isEqualTo("2025-03-04T05:06:07.089Z");
        assertThat(envelope.get("SignatureVersion").asText()).isEqualTo("1");
        assertThat(Base64.getDecoder().decode(envelope.get("Signature").asText())).isNotEmpty();
        assertThat(envelope.get("SigningCertURL").asText()).startsWith("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-")
                .endsWith(".pem");
        assertThat(envelope.get("UnsubscribeURL").asText())
                .isEqualTo("https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + SUBSCRIPTION_ARN);
    }

    @Test
    void writesAttributesAsTypeAndValueWithBinaryInBase64() {
        JsonNode attributes = written(Optional.empty(), Optional.empty(), attributes()).get("MessageAttributes");

        assertThat(attributes.get("message_type").get("Type").asText()).isEqualTo("String");
        assertThat(attributes.get("message_type").get("Value").asText()).isEqualTo("notification");
        assertThat(attributes.get("priority").get("Type").asText()).isEqualTo("Number");
        assertThat(attributes.get("priority").get("Value").asText()).isEqualTo("7");
        assertThat(attributes.get("tags").get("Type").asText()).isEqualTo("String.Array");
        assertThat(attributes.get("tags").get("Value").asText()).isEqualTo("[\"a\",\"b\"]");
        assertThat(attributes.get("signature").get("Type").asText()).isEqualTo("Binary");
        assertThat(attributes.get("signature").get("Value").asText()).isEqualTo("AAH/");
    }

    @Test
    void fifoEnvelopesCarryTheSequenceNumberAfterTheMessageId() {
        JsonNode envelope = written(Optional.of("10000000000000000001"), Optional.empty(), Map.of());

        List<String> names = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("Type", "MessageId", "SequenceNumber", "TopicArn");
        assertThat(envelope.get("SequenceNumber").asText()).isEqualTo("10000000000000000001");
    }

    @Test
    void leavesOutSubjectAndAttributesWhenThereAreNone() {
        JsonNode envelope = written(Optional.empty(), Optional.empty(), Map.of());

        assertThat(envelope.has("Subject")).isFalse();
        assertThat(envelope.has("MessageAttributes")).isFalse();
        assertThat(envelope.has("SequenceNumber")).isFalse();
    }

    @Test
    void readsBackWhatItWrote() {
        String body = SnsEnvelope.write(TOPIC_ARN, SUBSCRIPTION_ARN, "m-1", Optional.of("10000000000000000007"), Optional.of("s"),
                "héllo ✓", AT, attributes());

        SnsEnvelope.Unwrapped u = SnsEnvelope.read(body).orElseThrow();

        assertThat(u.messageId()).isEqualTo("m-1");
        assertThat(u.topicArn()).isEqualTo(TOPIC_ARN);
        assertThat(u.subject()).contains("s");
        assertThat(u.message()).isEqualTo("héllo ✓");
        assertThat(u.timestamp()).contains(AT);
        assertThat(u.sequenceNumber()).contains("10000000000000000007");
        assertThat(u.attributes()).isEqualTo(attributes());
        assertThat(u.problem()).isEmpty();
    }

    @Test
    void readsTheEnvelopeOfTheSnsDeveloperGuide() {
        String body = "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"63a3f6b6-d533-4a47-aef9-fcf5cf758c76\",\n"
                + "  \"TopicArn\" : \"arn:aws:sns:us-west-2:123456789012:MyTopic\",\n  \"Subject\" : \"Testing publish to subscribed queues\",\n"
                + "  \"Message\" : \"Hello world!\",\n  \"Timestamp\" : \"2012-03-29T05:12:16.901Z\",\n  \"SignatureVersion\" : \"1\",\n"
                + "  \"Signature\" : \"EXAMPLEnTrFPa3...\",\n"
                + "  \"SigningCertURL\" : \"https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem\",\n"
                + "  \"UnsubscribeURL\" : \"https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c7fe3a54-ab0e-4ec2-88e0-db410a0f2bee\"\n}";

        SnsEnvelope.Unwrapped u = SnsEnvelope.read(body).orElseThrow();

        assertThat(u.messageId()).isEqualTo("63a3f6b6-d533-4a47-aef9-fcf5cf758c76");
        assertThat(u.message()).isEqualTo("Hello world!");
        assertThat(u.timestamp()).contains(Instant.parse("2012-03-29T05:12:16.901Z"));
        assertThat(u.attributes()).isEmpty();
        assertThat(u.problem()).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "hello", "{\"Type\":\"Notification\"}", "[\"Notification\",\"TopicArn\"]",
        "{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":\"m\"}",
        "{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\"}",
        "{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":{\"not\":\"text\"}}",
        "{\"Type\":\"Notification\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":\"m\""})
    void anythingElseIsNotAnEnvelope(String body) {
        assertThat(SnsEnvelope.read(body)).isEmpty();
    }

    @Test
    void anUnreadableAttributeIsAProblemButTheRestIsKept() {
        String body = "{\"Type\":\"Notification\",\"MessageId\":\"m-2\",\"TopicArn\":\"" + TOPIC_ARN + "\",\"Message\":\"x\","
                + "\"MessageAttributes\":{\"message_type\":{\"Type\":\"String\",\"Value\":\"alert\"},"
                + "\"bad\":{\"Type\":\"Decimal\",\"Value\":\"1\"},\"worse\":{\"Type\":\"Number\",\"Value\":\"one\"}}}";

        SnsEnvelope.Unwrapped u = SnsEnvelope.read(body).orElseThrow();

        assertThat(u.attributes()).containsOnlyKeys("message_type");
        assertThat(u.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("envelope attribute 'bad'", "'Decimal'", "envelope attribute 'worse'", "'one'"));
    }

    @Test
    void aMissingMessageIdOrBadTimestampIsAProblem() {
        String body = "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC_ARN + "\",\"Message\":\"x\",\"Timestamp\":\"yesterday\"}";

        SnsEnvelope.Unwrapped u = SnsEnvelope.read(body).orElseThrow();

        assertThat(u.message()).isEqualTo("x");
        assertThat(u.timestamp()).isEmpty();
        assertThat(u.problem()).hasValueSatisfying(p -> assertThat(p).contains("no MessageId", "'yesterday'"));
    }

    @Test
    void binaryValuesSurviveTheRoundTripByteForByte() {
        byte[] bytes = "\u0000binary\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String body = SnsEnvelope.write(TOPIC_ARN, SUBSCRIPTION_ARN, "m-3", Optional.empty(), Optional.empty(), "x", AT,
                Map.of("blob", MessageAttribute.ofBinary("Binary.gzip", bytes)));

        MessageAttribute read = SnsEnvelope.read(body).orElseThrow().attributes().get("blob");

        assertThat(read.dataType()).isEqualTo("Binary.gzip");
        assertThat(read.binaryValue()).containsExactly(bytes);
    }
}
