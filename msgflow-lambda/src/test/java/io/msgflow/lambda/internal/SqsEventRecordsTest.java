package io.msgflow.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real Lambda SQS events, loaded by the runtime's serializer, become the deliveries every transport produces. */
class SqsEventRecordsTest {

    private static List<ReceivedMessage> load(String file) {
        SQSEvent event = EventLoader.loadSQSEvent("events/" + file);
        return event.getRecords().stream()
                .map(r -> SqsEventRecords.toReceived(r, SqsEventRecords.queueOf(r), WireFormat.defaults())).toList();
    }

    @Test
    void rawDeliveryKeepsIdTypeAttributesAndSqsFacts() {
        List<ReceivedMessage> messages = load("sqs-raw.json");

        ReceivedMessage first = messages.get(0);
        assertThat(first.queue()).isEqualTo("notifications-queue");
        assertThat(first.id()).isEqualTo("n-0001");
        assertThat(first.transportMessageId()).isEqualTo("c80e8021-a70a-42c7-a470-796e1186f753");
        assertThat(first.type()).contains("notification");
        assertThat(first.body()).isEqualTo("{\"title\":\"Disk at 80%\",\"host\":\"db-1\"}");
        assertThat(first.attributes()).containsEntry("priority", MessageAttribute.number(3));
        assertThat(first.sentAt()).isEqualTo(Instant.ofEpochMilli(1735689600000L));
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(first.receiptHandle()).startsWith("AQEB");
        assertThat(first.problem()).isEmpty();
        assertThat(messages.get(1).receiveCount()).isEqualTo(2);
        assertThat(messages.get(1).groupId()).isEmpty();
    }

    @Test
    void envelopeDeliveryIsUnwrappedAndFallsBackToTheSnsMessageId() {
        List<ReceivedMessage> messages = load("sqs-envelope.json");

        assertThat(messages.get(0).queue()).isEqualTo("alerts-queue");
        assertThat(messages.get(0).body()).isEqualTo("{\"severity\":\"critical\",\"message\":\"CPU at 99%\"}");
        assertThat(messages.get(0).type()).contains("critical_alert");
        assertThat(messages.get(0).id()).isEqualTo("a-0001");
        assertThat(messages.get(0).problem()).isEmpty();
        assertThat(messages.get(1).id()).as("no msgflow id attribute: the SNS MessageId")
                .isEqualTo("b7a1e8c2-5d3f-5a8e-9c1d-2e4f6a8b0c13");
    }

    @Test
    void fifoRecordsCarryTheirGroup() {
        List<ReceivedMessage> messages = load("sqs-fifo.json");

        assertThat(messages).extracting(m -> m.groupId().orElseThrow()).containsExactly("A", "A", "B", "A", "B");
        assertThat(messages).extracting(ReceivedMessage::queue).containsOnly("orders.fifo");
    }

    @Test
    void unreadableRecordsCarryTheirProblemInsteadOfThrowing() {
        List<ReceivedMessage> messages = load("sqs-bad-input.json");

        assertThat(messages.get(0).problem()).isEmpty();
        assertThat(messages.get(1).problem()).as("a malformed body is the handler's to judge").isEmpty();
        assertThat(messages.get(2).problem()).hasValueSatisfying(p -> assertThat(p).contains("message_type"));
        assertThat(messages.get(3).type()).contains("weather_report");
        assertThat(messages.get(4).body()).isEqualTo("Disk almost full (plain text, not JSON)");
        assertThat(messages.get(4).id()).isEqualTo("plain-1");
        assertThat(messages.get(5).problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("message attribute 'priority' cannot be read").contains("must be a number").contains("'high'"));
        assertThat(messages.get(5).attributes()).doesNotContainKey("priority");
    }

    @Test
    void aRecordWithoutAttributesMapsStillConverts() {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("m-1");
        record.setReceiptHandle("h-1");
        record.setEventSourceArn("arn:aws:sqs:eu-west-1:123456789012:plain");
        record.setBody(null);

        ReceivedMessage received = SqsEventRecords.toReceived(record, SqsEventRecords.queueOf(record), WireFormat.defaults());

        assertThat(received.queue()).isEqualTo("plain");
        assertThat(received.body()).isEmpty();
        assertThat(received.receiveCount()).isEqualTo(1);
        assertThat(received.id()).isEqualTo("m-1");
        assertThat(received.problem()).isPresent();
        assertThat(received.groupId()).isEqualTo(Optional.empty());
    }
}
