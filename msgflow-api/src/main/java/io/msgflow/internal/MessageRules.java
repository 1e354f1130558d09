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

    /** Rules of a message on its own: type, attribute names and count, FIFO ids. */
    public static void check(Message m) {
        String resource = "message " + m.id();
        if (m.id().isEmpty()) {
            throw new MessageValidationException("message", "id must not be empty", "''");
        }
        if (m.type() == null || m.type().isBlank()) {
            throw new MessageValidationException(resource, "type must not be empty", m.type() == null ? "null" : "'" + m.type() + "'");
        }
        if (m.attributes().size() > MessageLimits.MAX_ATTRIBUTES) {
            throw new MessageValidationException(resource, "at most " + MessageLimits.MAX_ATTRIBUTES + " message attributes",
                    m.attributes().size() + " attributes " + m.attributes().keySet());
        }
        m.attributes().keySet().forEach(name -> checkAttributeName(resource, name));
        m.groupId().ifPresent(id -> checkFifoId(resource, "message group id", id));
        m.deduplicationId().ifPresent(id -> checkFifoId(resource, "deduplication id", id));
    }

    /** SNS/SQS attribute-name rules. */
    public static void checkAttributeName(String resource, String name) {
        String rule = null;
        if (name.isEmpty() || name.length() > MessageLimits.MAX_ATTRIBUTE_NAME_LENGTH) {
            rule = "attribute name must be 1 to 256 characters";
        } else if (!ATTRIBUTE_NAME.matcher(name).matches()) {
            rule = "attribute name may contain only A-Z, a-z, 0-9, underscore, hyphen and period";
        } else if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            rule = "attribute name must not start or end with a period or contain two periods in a row";
        } else {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
                rule = "attribute name must not start with the reserved prefixes 'AWS.' or 'Amazon.'";
            }
        }
        if (rule != null) {
            throw new MessageValidationException(resource, rule, "'" + name + "'");
        }
    }

    private static void checkFifoId(String resource, String what, String id) {
        if (id.isEmpty() || id.length() > MessageLimits.MAX_FIFO_ID_LENGTH || !FIFO_ID.matcher(id).matches()) {
            throw new MessageValidationException(resource,
                    what + " must be 1 to 128 printable ASCII characters without spaces", "'" + id + "'");
        }
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
