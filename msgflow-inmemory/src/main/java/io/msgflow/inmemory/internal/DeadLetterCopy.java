package io.msgflow.inmemory.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.internal.MessageRules;
import io.msgflow.transport.MessageSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy {@link MessageSource#deadLetter} sends to the dead-letter queue: same body and group,
 * the SQS attributes plus {@value MessageSource#DEAD_LETTER_REASON_ATTRIBUTE}. SQS limits win over
 * the reason, never over the message: when the message already has 10 SQS attributes the reason is
 * left out; when body and attributes leave too little room the reason is shortened. Either is
 * logged as a warning with the full reason.
 */
final class DeadLetterCopy {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCopy.class);
    private static final String NAME = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;

    private DeadLetterCopy() {
    }

    static StoredMessage of(StoredMessage original, String queue, String reason, Instant now) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>(original.sqsAttributes());
        attributes.remove(NAME);
        if (attributes.size() >= MessageLimits.MAX_ATTRIBUTES) {
            LOG.warn("queue '{}': message {} has {} attributes, the SQS maximum; dead-lettered without attribute '{}'; reason: {}",
                    queue, original.sqsMessageId(), attributes.size(), NAME, reason);
            return original.copyWith(attributes, now);
        }
        int room = MessageLimits.MAX_MESSAGE_BYTES - MessageRules.sizeInBytes(original.sqsBody(), attributes)
                - MessageRules.sizeInBytes("", Map.of(NAME, MessageAttribute.string("x"))) + 1;
        String fitted = fit(reason, room);
        if (fitted.isEmpty()) {
            LOG.warn("queue '{}': message {} leaves no room under 256 KiB for attribute '{}'; dead-lettered without it; reason: {}",
                    queue, original.sqsMessageId(), NAME, reason);
        } else {
            if (fitted.length() < reason.length()) {
                LOG.warn("queue '{}': message {}: reason shortened to fit 256 KiB; full reason: {}", queue, original.sqsMessageId(), reason);
            }
            attributes.put(NAME, MessageAttribute.string(fitted));
        }
        return original.copyWith(attributes, now);
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, not splitting a surrogate pair. */
    static String fit(String text, int maxBytes) {
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
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }
}
