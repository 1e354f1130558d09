package io.msgflow.internal;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.MessageLimits;
import io.msgflow.MessageValidationException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The SNS/SQS rules for messages and attributes, in one place. */
public final class MessageRules {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");
    private static final Pattern FIFO_ID = Pattern.compile("[\\x21-\\x7E]+");

    private MessageRules() {
    }

    /**
     * Rules of a message on its own: type, attribute names and count (at most
     * {@code maxUserAttributes}), FIFO ids. Builds no text unless a rule is broken.
     */
    public static void check(Message m, int maxUserAttributes) {
        if (m.id().isEmpty()) {
            throw new MessageValidationException("message", "id must not be empty", "''");
        }
        if (m.type() == null || m.type().isBlank()) {
            throw new MessageValidationException(resource(m), "type must not be empty", m.type() == null ? "null" : "'" + m.type() + "'");
        }
        if (m.attributes().size() > maxUserAttributes) {
            throw new MessageValidationException(resource(m), maxUserAttributes == MessageLimits.MAX_ATTRIBUTES
                    ? "at most " + MessageLimits.MAX_ATTRIBUTES + " message attributes"
                    : "at most " + maxUserAttributes + " user attributes (SNS/SQS allow " + MessageLimits.MAX_ATTRIBUTES
                            + " and msgflow's type and id attributes take two)",
                    m.attributes().size() + " attributes " + m.attributes().keySet());
        }
        for (String name : m.attributes().keySet()) {
            String rule = attributeNameRule(name);
            if (rule != null) {
                throw new MessageValidationException(resource(m), rule, "'" + name + "'");
            }
        }
        m.groupId().filter(id -> !isFifoId(id)).ifPresent(id -> fifoIdBroken(m, "message group id", id));
        m.deduplicationId().filter(id -> !isFifoId(id)).ifPresent(id -> fifoIdBroken(m, "deduplication id", id));
    }

    private static String resource(Message m) {
        return "message " + m.id();
    }

    /** SNS/SQS attribute-name rules. */
    public static void checkAttributeName(String resource, String name) {
        String rule = attributeNameRule(name);
        if (rule != null) {
            throw new MessageValidationException(resource, rule, "'" + name + "'");
        }
    }

    /** The attribute-name rule {@code name} breaks, or null. */
    private static String attributeNameRule(String name) {
        if (name.isEmpty() || name.length() > MessageLimits.MAX_ATTRIBUTE_NAME_LENGTH) {
            return "attribute name must be 1 to 256 characters";
        }
        if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            return "attribute name may contain only A-Z, a-z, 0-9, underscore, hyphen and period";
        }
        if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return "attribute name must not start or end with a period or contain two periods in a row";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            return "attribute name must not start with the reserved prefixes 'AWS.' or 'Amazon.'";
        }
        return null;
    }

    private static boolean isFifoId(String id) {
        return !id.isEmpty() && id.length() <= MessageLimits.MAX_FIFO_ID_LENGTH && FIFO_ID.matcher(id).matches();
    }

    private static void fifoIdBroken(Message m, String what, String id) {
        throw new MessageValidationException(resource(m),
                what + " must be 1 to 128 printable ASCII characters without spaces", "'" + id + "'");
    }

    /** Size as SNS/SQS count it: body plus each attribute's name, data type and value. */
    public static int sizeInBytes(String body, Map<String, MessageAttribute> wireAttributes) {
        int size = Utf8.length(body);
        for (Map.Entry<String, MessageAttribute> e : wireAttributes.entrySet()) {
            size += Utf8.length(e.getKey()) + e.getValue().sizeInBytes();
        }
        return size;
    }

    /** Rules of a message as it goes on the wire: attribute count including ours, and size; returns the size. */
    public static int checkWire(String resource, String body, Map<String, MessageAttribute> wireAttributes) {
        if (wireAttributes.size() > MessageLimits.MAX_ATTRIBUTES) {
            throw new MessageValidationException(resource,
                    "at most " + MessageLimits.MAX_ATTRIBUTES + " message attributes including msgflow's type and id attributes",
                    wireAttributes.size() + " attributes " + wireAttributes.keySet());
        }
        int size = sizeInBytes(body, wireAttributes);
        if (size > MessageLimits.MAX_MESSAGE_BYTES) {
            throw new MessageValidationException(resource,
                    "body plus attributes must be at most " + MessageLimits.MAX_MESSAGE_BYTES + " bytes (256 KiB)", size + " bytes");
        }
        return size;
    }
}
