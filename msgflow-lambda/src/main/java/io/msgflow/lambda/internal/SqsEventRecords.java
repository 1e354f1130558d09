package io.msgflow.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import io.msgflow.WireFormat;
import io.msgflow.internal.Deliveries;
import io.msgflow.transport.ReceivedMessage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the records of a Lambda SQS event into {@link ReceivedMessage}s through the shared
 * converter ({@link Deliveries}), so envelopes, ids and types are read as every transport reads
 * them. Never throws for what a record holds: an attribute that cannot be read becomes part of the
 * delivery's problem, and the processor dead-letters it with that reason.
 */
public final class SqsEventRecords {
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    static final String SENT_TIMESTAMP = "SentTimestamp";
    static final String MESSAGE_GROUP_ID = "MessageGroupId";

    private SqsEventRecords() {
    }

    /** The queue name of a record: the last part of its {@code eventSourceARN}. */
    public static String queueOf(SQSEvent.SQSMessage record) {
        String arn = record.getEventSourceArn();
        if (arn == null || arn.isBlank()) {
            throw new MsgflowException("SQS record " + record.getMessageId() + " has no eventSourceARN, so its queue is unknown");
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    public static ReceivedMessage toReceived(SQSEvent.SQSMessage record, String queue, WireFormat wireFormat) {
        List<String> problems = new ArrayList<>(0);
        Map<String, MessageAttribute> attributes = attributes(record, problems);
        Map<String, String> system = record.getAttributes() == null ? Map.of() : record.getAttributes();
        Deliveries.SqsDelivery delivery = new Deliveries.SqsDelivery(queue, record.getMessageId(), record.getReceiptHandle(),
                receiveCount(system), sentAt(system), record.getBody() == null ? "" : record.getBody(), attributes,
                Optional.ofNullable(system.get(MESSAGE_GROUP_ID)));
        ReceivedMessage received = Deliveries.toReceived(delivery, wireFormat);
        return problems.isEmpty() ? received : received.withProblem(String.join("; ", problems));
    }

    private static Map<String, MessageAttribute> attributes(SQSEvent.SQSMessage record, List<String> problems) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        if (record.getMessageAttributes() == null) {
            return attributes;
        }
        record.getMessageAttributes().forEach((name, value) -> {
            try {
                attributes.put(name, attribute(value));
            } catch (MsgflowException | IllegalArgumentException | NullPointerException e) {
                problems.add("message attribute '" + name + "' cannot be read: " + e.getMessage());
            }
        });
        return attributes;
    }

    private static MessageAttribute attribute(SQSEvent.MessageAttribute value) {
        String dataType = value.getDataType();
        if (dataType == null) {
            throw new IllegalArgumentException("it has no dataType");
        }
        if (dataType.startsWith("Binary")) {
            ByteBuffer buffer = value.getBinaryValue();
            if (buffer == null) {
                throw new IllegalArgumentException("binary attribute without binaryValue");
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return MessageAttribute.ofBinary(dataType, bytes);
        }
        return MessageAttribute.of(dataType, value.getStringValue());
    }

    private static int receiveCount(Map<String, String> system) {
        try {
            String count = system.get(RECEIVE_COUNT);
            return count == null ? 1 : Math.max(1, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Instant sentAt(Map<String, String> system) {
        try {
            String sent = system.get(SENT_TIMESTAMP);
            return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
