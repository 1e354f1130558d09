package io.msgflow.aws.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.internal.SnsEnvelope;
import io.msgflow.topology.Delivery;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns an SQS message into a {@link ReceivedMessage}, unwrapping the SNS envelope when the body is
 * one. Never throws: what cannot be read becomes the delivery's {@code problem}, so the runtime can
 * dead-letter it with the reason.
 */
final class ReceivedMessageReader {
    private final String queue;
    private final WireFormat wireFormat;
    private final Delivery expectedDelivery;

    /** @param expectedDelivery how the topic delivers to this queue; raw for a queue without a route */
    ReceivedMessageReader(String queue, WireFormat wireFormat, Delivery expectedDelivery) {
        this.queue = queue;
        this.wireFormat = wireFormat;
        this.expectedDelivery = expectedDelivery;
    }

    ReceivedMessage read(Message sqs) {
        List<String> problems = new ArrayList<>(0);
        WireAttributes.Decoded decoded = WireAttributes.fromSqs(sqs.messageAttributes());
        problems.addAll(decoded.problems());
        Map<String, MessageAttribute> attributes = decoded.attributes();
        String body = sqs.body() == null ? "" : sqs.body();
        Optional<SnsEnvelope.Unwrapped> envelope = wireFormat.typeOf(attributes).isPresent()
                ? Optional.empty() : SnsEnvelope.read(body);
        if (envelope.isPresent()) {
            SnsEnvelope.Unwrapped e = envelope.get();
            body = e.message();
            attributes = e.attributes();
            e.problem().ifPresent(problems::add);
        } else if (expectedDelivery == Delivery.ENVELOPE && wireFormat.typeOf(attributes).isEmpty()) {
            problems.add("queue '" + queue + "' is subscribed without raw delivery, but the body is not a readable SNS envelope");
        }
        Optional<String> type = wireFormat.typeOf(attributes);
        if (type.isEmpty()) {
            problems.add("no message type: the String attribute '" + wireFormat.typeAttribute() + "' is missing");
        }
        return new ReceivedMessage(queue, logicalId(attributes, envelope, sqs), sqs.messageId(), sqs.receiptHandle(),
                receiveCount(sqs), sentAt(sqs, envelope), type, body, attributes,
                Optional.ofNullable(sqs.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)),
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    private String logicalId(Map<String, MessageAttribute> attributes, Optional<SnsEnvelope.Unwrapped> envelope, Message sqs) {
        return wireFormat.idOf(attributes)
                .or(() -> envelope.map(SnsEnvelope.Unwrapped::messageId).filter(id -> !id.isEmpty()))
                .orElse(sqs.messageId());
    }

    private static int receiveCount(Message sqs) {
        String count = sqs.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Instant sentAt(Message sqs, Optional<SnsEnvelope.Unwrapped> envelope) {
        String sent = sqs.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(sent));
            } catch (NumberFormatException e) {
                // fall through to the envelope's timestamp
            }
        }
        return envelope.flatMap(SnsEnvelope.Unwrapped::timestamp).orElse(null);
    }
}
