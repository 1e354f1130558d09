package io.msgflow.spi;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.WireFormat;
import io.msgflow.internal.MessageRules;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shape of a dead-letter copy on every transport: what {@link MessageSource#deadLetter}
 * sends to the dead-letter queue. The body and attributes are those the consumer saw (an SNS
 * envelope unwrapped), msgflow's id attribute is kept, and a message without one (a foreign
 * message) gets its recovered id written as the id attribute, so reprocessing the copy stays
 * idempotent. Added as String/Number attributes, in this order of priority:
 * {@value MessageSource#DEAD_LETTER_REASON_ATTRIBUTE} (the reason), {@value #QUEUE_ATTRIBUTE} (the
 * source queue), {@value #ATTEMPTS_ATTRIBUTE} (the receive count), {@value #FAILED_AT_ATTRIBUTE}
 * (when it failed for good, ISO-8601). SQS limits win over this metadata, never over the message:
 * an attribute that would be the eleventh is left out, lowest priority first, and a reason that
 * does not fit 256 KiB is shortened; {@link #omitted()} names what was left out.
 *
 * @param body the body to send
 * @param attributes the attributes to send
 * @param omitted the metadata attributes left out for the SQS limits (to log)
 */
public record DeadLetterCopy(String body, Map<String, MessageAttribute> attributes, List<String> omitted) {
    /** The queue the message was dead-lettered from. */
    public static final String QUEUE_ATTRIBUTE = "msgflow_dead_letter_queue";
    /** How many times it had been received. */
    public static final String ATTEMPTS_ATTRIBUTE = "msgflow_dead_letter_attempts";
    /** When it failed for good. */
    public static final String FAILED_AT_ATTRIBUTE = "msgflow_dead_letter_failed_at";

    private static final String REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;

    public DeadLetterCopy {
        attributes = Map.copyOf(attributes);
        omitted = List.copyOf(omitted);
    }

    /** The copy of one dead letter, failed for good at {@code failedAt}. */
    public static DeadLetterCopy of(DeadLetter deadLetter, WireFormat wireFormat, Instant failedAt) {
        ReceivedMessage m = deadLetter.message();
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>(m.attributes());
        attributes.keySet().removeIf(DeadLetterCopy::isMetadata);
        List<String> omitted = new ArrayList<>();
        if (wireFormat.idOf(attributes).isEmpty()) {
            put(attributes, wireFormat.idAttribute(), MessageAttribute.string(m.id()), omitted);
        }
        String reason = deadLetter.reason().isBlank() ? "(no reason given)" : deadLetter.reason();
        put(attributes, REASON, MessageAttribute.string(reason), omitted);
        put(attributes, QUEUE_ATTRIBUTE, MessageAttribute.string(m.queue()), omitted);
        put(attributes, ATTEMPTS_ATTRIBUTE, MessageAttribute.number(m.receiveCount()), omitted);
        put(attributes, FAILED_AT_ATTRIBUTE, MessageAttribute.string(failedAt.toString()), omitted);
        fitReason(m.body(), attributes, reason, omitted);
        return new DeadLetterCopy(m.body(), attributes, omitted);
    }

    private static boolean isMetadata(String name) {
        return name.equals(REASON) || name.equals(QUEUE_ATTRIBUTE) || name.equals(ATTEMPTS_ATTRIBUTE) || name.equals(FAILED_AT_ATTRIBUTE);
    }

    private static void put(Map<String, MessageAttribute> attributes, String name, MessageAttribute value, List<String> omitted) {
        if (attributes.size() < MessageLimits.MAX_ATTRIBUTES) {
            attributes.put(name, value);
        } else {
            omitted.add(name);
        }
    }

    private static void fitReason(String body, Map<String, MessageAttribute> attributes, String reason, List<String> omitted) {
        if (!attributes.containsKey(REASON)) {
            return;
        }
        attributes.remove(REASON);
        int room = MessageLimits.MAX_MESSAGE_BYTES - MessageRules.sizeInBytes(body, attributes)
                - MessageRules.sizeInBytes("", Map.of(REASON, MessageAttribute.string("x"))) + 1;
        String fitted = fit(reason, room);
        if (fitted.isEmpty()) {
            omitted.add(REASON);
            return;
        }
        if (fitted.length() < reason.length()) {
            omitted.add(REASON + " (shortened)");
        }
        Map<String, MessageAttribute> reordered = new LinkedHashMap<>();
        reordered.put(REASON, MessageAttribute.string(fitted));
        reordered.putAll(attributes);
        attributes.clear();
        attributes.putAll(reordered);
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, not splitting a surrogate pair. */
    public static String fit(String text, int maxBytes) {
        if (maxBytes <= 0) {
            return "";
        }
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }
}
