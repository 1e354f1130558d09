package io.msgflow.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.Topology;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one SQS delivery (as any transport or runtime sees it: SDK, emulator, Lambda event) into a
 * {@link ReceivedMessage}: unwraps the SNS envelope where the route delivers one ({@link Unwrapping}), recovers the logical id
 * (msgflow's id attribute, else the SNS MessageId, else the SQS MessageId) and the type, and
 * records a problem instead of throwing when the delivery cannot be a msgflow message. An id that
 * breaks msgflow's id rules ({@link MessageRules#idBroken}) is a problem too: the delivery then
 * carries its SQS MessageId and is dead-lettered with the reason, never written under a changed id.
 */
public final class Deliveries {
    private Deliveries() {
    }

    /**
     * What an SQS receive yields for one message.
     *
     * @param problems what the transport could not read already (an attribute of unknown type, a
     *                 body that should have been an envelope); they become the delivery's problem
     */
    public record SqsDelivery(String queue, String sqsMessageId, String receiptHandle, int receiveCount, Instant sentAt,
                              String body, Map<String, MessageAttribute> attributes, Optional<String> groupId,
                              List<String> problems, Unwrapping unwrapping) {
        public SqsDelivery {
            problems = List.copyOf(problems);
        }

        /** A delivery to a queue whose subscriptions are not known: envelopes are detected strictly. */
        public SqsDelivery(String queue, String sqsMessageId, String receiptHandle, int receiveCount, Instant sentAt,
                           String body, Map<String, MessageAttribute> attributes, Optional<String> groupId, List<String> problems) {
            this(queue, sqsMessageId, receiptHandle, receiveCount, sentAt, body, attributes, groupId, problems, Unwrapping.DETECT_STRICTLY);
        }

        /** A delivery to a queue whose subscriptions are not known, with no problem read yet. */
        public SqsDelivery(String queue, String sqsMessageId, String receiptHandle, int receiveCount, Instant sentAt,
                           String body, Map<String, MessageAttribute> attributes, Optional<String> groupId) {
            this(queue, sqsMessageId, receiptHandle, receiveCount, sentAt, body, attributes, groupId, List.of());
        }

        /** This delivery, unwrapped as the route to its queue decides. */
        public SqsDelivery unwrapped(Unwrapping how) {
            return new SqsDelivery(queue, sqsMessageId, receiptHandle, receiveCount, sentAt, body, attributes, groupId, problems, how);
        }
    }

    /**
     * Whether a body is an SNS envelope to unwrap. The route decides where msgflow knows it: a raw
     * route never unwraps (a raw body that merely looks like a notification, say from a service
     * that forwards SNS notifications, stays as it is); an envelope route unwraps. Where the
     * subscriptions are not known (a dead-letter queue, a queue subscribed by someone else),
     * detection is strict: every field SNS writes must be present with its shape
     * ({@link SnsEnvelope.Detection#STRICT}).
     */
    public enum Unwrapping {
        /** Raw delivery: the body is the message. */
        NEVER,
        /** Envelope delivery: the body is an SNS envelope. */
        EXPECTED,
        /** Unknown delivery: unwrap only a complete SNS envelope. */
        DETECT_STRICTLY;

        /** How deliveries to {@code queue} are unwrapped under {@code topology}: by its routes when they agree, strictly otherwise. */
        public static Unwrapping forQueue(Topology topology, String queue) {
            Set<Delivery> modes = EnumSet.noneOf(Delivery.class);
            topology.routes().stream().filter(r -> r.queue().equals(queue)).forEach(r -> modes.add(r.delivery()));
            if (modes.size() != 1) {
                return DETECT_STRICTLY;
            }
            return modes.contains(Delivery.RAW) ? NEVER : EXPECTED;
        }
    }

    public static ReceivedMessage toReceived(SqsDelivery d, WireFormat wireFormat) {
        Optional<SnsEnvelope.Unwrapped> envelope = switch (d.unwrapping()) {
            case NEVER -> Optional.empty();
            case EXPECTED -> SnsEnvelope.read(d.body(), SnsEnvelope.Detection.LENIENT);
            case DETECT_STRICTLY -> SnsEnvelope.read(d.body(), SnsEnvelope.Detection.STRICT);
        };
        String body = envelope.map(SnsEnvelope.Unwrapped::message).orElse(d.body());
        Map<String, MessageAttribute> attributes = envelope.map(e -> withSqsAttributes(e.attributes(), d.attributes()))
                .orElse(d.attributes());
        Optional<String> envelopeId = envelope.map(SnsEnvelope.Unwrapped::messageId).filter(id -> !id.isEmpty());
        String id = wireFormat.idOf(attributes).or(() -> envelopeId).orElse(d.sqsMessageId());
        Optional<String> type = wireFormat.typeOf(attributes);
        List<String> problems = new ArrayList<>(d.problems());
        MessageRules.Broken unusableId = MessageRules.idBroken(id);
        if (unusableId != null) {
            problems.add("the delivery's message id cannot key a sink: " + unusableId.rule() + ", but was " + unusableId.value());
            id = d.sqsMessageId();
        }
        if (type.isEmpty()) {
            problems.add(0, "no String attribute '" + wireFormat.typeAttribute() + "' with the message type");
        }
        envelope.flatMap(SnsEnvelope.Unwrapped::problem).ifPresent(problems::add);
        Instant sentAt = d.sentAt() != null ? d.sentAt() : envelope.flatMap(SnsEnvelope.Unwrapped::timestamp).orElse(null);
        return new ReceivedMessage(d.queue(), id, d.sqsMessageId(), d.receiptHandle(), d.receiveCount(), sentAt, type, body,
                attributes, d.groupId(), problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)), envelopeId);
    }

    /** SQS attributes set on an envelope message after SNS (a dead-letter reason) count too; they win over the envelope's. */
    private static Map<String, MessageAttribute> withSqsAttributes(Map<String, MessageAttribute> envelope, Map<String, MessageAttribute> sqs) {
        if (sqs.isEmpty()) {
            return envelope;
        }
        Map<String, MessageAttribute> all = new LinkedHashMap<>(envelope);
        all.putAll(sqs);
        return all;
    }
}
