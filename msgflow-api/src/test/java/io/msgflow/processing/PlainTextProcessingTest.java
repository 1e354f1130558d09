package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.internal.Deliveries;
import io.msgflow.internal.SnsEnvelope;
import io.msgflow.sink.SinkRecord;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The old system's plain-text messages (no msgflow id, SNS envelope) through every way a processor can take them. */
class PlainTextProcessingTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:messages-topic";
    private static final String TEXT = "This is a general notification 1.";

    private final MessageProcessorTest.RecordingSink sink = new MessageProcessorTest.RecordingSink();

    /** As the old publisher sent it: SNS Publish of plain text with one String attribute, delivered in the envelope. */
    private static ReceivedMessage oldDelivery(String type, String text, String snsId, String sqsId) {
        String envelope = SnsEnvelope.write(TOPIC, TOPIC + ":sub-1", snsId, Optional.empty(), Optional.empty(), text,
                Instant.parse("2026-11-30T07:00:00Z"), Map.of("message_type", MessageAttribute.string(type)));
        return Deliveries.toReceived(new Deliveries.SqsDelivery("notifications-queue", sqsId, "rh-" + sqsId, 1, Instant.EPOCH,
                envelope, Map.of(), Optional.empty()), WireFormat.defaults());
    }

    @Test
    void aTypedHandlerOfTextStoresThePlainTextAsItCame() {
        // snippet:plain-text
        MessageCodec plain = MessageCodec.builder()
                .register(String.class, "notification")     // "This is a general notification 1."
                .register(String.class, "critical_alert")
                .build();
        MessageProcessor processor = MessageProcessor.builder(plain).sink(sink)
                .on("notification", String.class, MessageHandler.store())
                .on("critical_alert", String.class, MessageHandler.store())
                .build();
        // end-snippet

        BatchResult result = processor.process(List.of(oldDelivery("notification", TEXT, "sns-1", "sqs-1"),
                oldDelivery("critical_alert", "This is a critical alert 1.", "sns-2", "sqs-2")));

        assertThat(result.deadLettered()).isEmpty();
        assertThat(result.acked()).hasSize(2);
        assertThat(sink.rows.values()).extracting(SinkRecord::messageId, SinkRecord::type, SinkRecord::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sns-1", "notification", TEXT),
                        org.assertj.core.groups.Tuple.tuple("sns-2", "critical_alert", "This is a critical alert 1."));
    }

    @Test
    void theFallbackStoresPlainTextOfATypeTheCodecDoesNotKnow() {
        MessageProcessor processor = MessageProcessor.builder(MessageCodec.builder().build()).sink(sink)
                .fallback(MessageHandler.store()).build();

        BatchResult result = processor.process(List.of(oldDelivery("notification", TEXT, "sns-1", "sqs-1")));

        assertThat(result.deadLettered()).isEmpty();
        assertThat(sink.rows.get("sns-1").body()).isEqualTo(TEXT);
        assertThat(sink.rows.get("sns-1").snsMessageId()).as("for a table keyed on the SNS MessageId").contains("sns-1");
        assertThat(sink.rows.get("sns-1").sqsMessageId()).as("for a table keyed on the SQS MessageId").contains("sqs-1");
    }

    @Test
    void textAHandlerReturnsIsStoredAsTextNotAsAJsonString() {
        MessageCodec codec = MessageCodec.builder().register(String.class, "notification").build();
        MessageProcessor processor = MessageProcessor.builder(codec).sink(sink)
                .on(String.class, (String text, MessageContext context) -> text.toUpperCase(java.util.Locale.ROOT)).build();

        processor.process(List.of(oldDelivery("notification", TEXT, "sns-1", "sqs-1")));

        assertThat(sink.rows.get("sns-1").body()).isEqualTo("THIS IS A GENERAL NOTIFICATION 1.");
    }

    @Test
    void aJsonTypeStillDeadLettersPlainTextWithTheReason() {
        MessageCodec codec = MessageCodec.builder().register(MessageProcessorTest.Notification.class).build();
        MessageProcessor processor = MessageProcessor.builder(codec).sink(sink)
                .on(MessageProcessorTest.Notification.class, MessageHandler.store()).build();

        BatchResult result = processor.process(List.of(oldDelivery("notification", TEXT, "sns-1", "sqs-1")));

        assertThat(result.deadLettered()).singleElement().satisfies(d -> assertThat(d.reason()).contains("not valid JSON"));
    }

    @Test
    void aHandlerByTypeNameMustMatchTheCodecsJavaType() {
        MessageCodec codec = MessageCodec.builder().register(String.class, "notification").register(String.class, "critical_alert").build();

        assertThatThrownBy(() -> MessageProcessor.builder(codec).on(String.class, MessageHandler.store()))
                .hasMessageContaining("name the type");
        assertThatThrownBy(() -> MessageProcessor.builder(codec).on("notification", byte[].class, MessageHandler.store()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("message type 'notification' must be registered with the codec for [B, but is java.lang.String");
    }
}
