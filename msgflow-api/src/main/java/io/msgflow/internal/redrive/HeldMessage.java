package io.msgflow.internal.redrive;

import io.msgflow.MessageAttribute;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A message received from a dead-letter queue and held invisible there: the delivery as a
 * consumer reads it, and the body and attributes exactly as the queue holds them (what redrive
 * sends back).
 */
public record HeldMessage(ReceivedMessage delivery, String sqsBody, Map<String, MessageAttribute> sqsAttributes) {
    public HeldMessage {
        sqsAttributes = Map.copyOf(sqsAttributes);
    }

    /** The attributes to send back: those on the queue less msgflow's dead-letter metadata. */
    public Map<String, MessageAttribute> redriveAttributes() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>(sqsAttributes);
        attributes.keySet().removeIf(DeadLetterMetadata::isMetadata);
        return attributes;
    }

    /** The same delivery without body and attributes: enough to hand it back or delete it. */
    public HeldMessage stripped() {
        ReceivedMessage d = delivery;
        return new HeldMessage(new ReceivedMessage(d.queue(), d.id(), d.transportMessageId(), d.receiptHandle(), d.receiveCount(),
                d.sentAt(), d.type(), "", Map.of(), d.groupId(), d.problem(), d.snsMessageId()), "", Map.of());
    }

    /** What an operator sees. */
    public DeadLetterMessage view() {
        Map<String, MessageAttribute> attributes = delivery.attributes();
        return new DeadLetterMessage(delivery.id(), delivery.transportMessageId(), delivery.type(),
                text(attributes, DeadLetterMetadata.REASON), attempts(attributes), failedAt(attributes), delivery.body(), attributes);
    }

    private static Optional<String> text(Map<String, MessageAttribute> attributes, String name) {
        MessageAttribute a = attributes.get(name);
        return a == null ? Optional.empty() : Optional.ofNullable(a.stringValue());
    }

    private static OptionalInt attempts(Map<String, MessageAttribute> attributes) {
        Optional<String> value = text(attributes, DeadLetterMetadata.ATTEMPTS);
        try {
            return value.isPresent() ? OptionalInt.of(Integer.parseInt(value.get().trim())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Optional<Instant> failedAt(Map<String, MessageAttribute> attributes) {
        try {
            return text(attributes, DeadLetterMetadata.FAILED_AT).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
