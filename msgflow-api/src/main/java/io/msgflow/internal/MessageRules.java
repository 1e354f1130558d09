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

    /** The SQS character rule, as the SQS SendMessage reference states it; bodies and String attribute values must keep it. */
    public static final String CHARACTER_RULE = "must contain only the characters SQS allows "
            + "(#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF; no unpaired surrogate)";
    private static final String ID_LENGTH_RULE = "id must be 1 to " + MessageLimits.MAX_ID_LENGTH + " characters";
    private static final String NUMBER_RULE = "Number value must have at most " + MessageLimits.MAX_NUMBER_DIGITS
            + " significant digits and a magnitude from 10^" + MessageLimits.MIN_NUMBER_EXPONENT + " to 10^+"
            + MessageLimits.MAX_NUMBER_EXPONENT + " (SNS/SQS Number data type)";
    private static final int SHOWN_CHARACTERS = 80;

    private MessageRules() {
    }

    /** A rule a value breaks, and the offending value as an error message may show it. */
    public record Broken(String rule, String value) {
    }

    /**
     * Rules of a message on its own: id, type, body, attribute names and count (at most
     * {@code maxUserAttributes}), FIFO ids. Builds no text unless a rule is broken.
     */
    public static void check(Message m, int maxUserAttributes) {
        Broken brokenId = idBroken(m.id());
        if (brokenId != null) {
            throw new MessageValidationException("message", brokenId.rule(), brokenId.value());
        }
        if (m.type() == null || m.type().isBlank()) {
            throw new MessageValidationException(resource(m), "type must not be empty", m.type() == null ? "null" : "'" + m.type() + "'");
        }
        throwIfBroken(resource(m), textBroken("type", m.type()));
        if (m.body().isEmpty()) {
            throw new MessageValidationException(resource(m),
                    "body must not be empty (SNS Publish and SQS SendMessage need at least one character)", "''");
        }
        throwIfBroken(resource(m), textBroken("body", m.body()));
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

    private static void throwIfBroken(String resource, Broken broken) {
        if (broken != null) {
            throw new MessageValidationException(resource, broken.rule(), broken.value());
        }
    }

    /**
     * The rule a message id breaks, or null. An id is the key of idempotency in every sink, so it
     * must survive every hop unchanged: 1 to {@link MessageLimits#MAX_ID_LENGTH} characters of
     * the SQS character set (well-formed UTF-16, so UTF-8 encodes it without loss).
     */
    public static Broken idBroken(String id) {
        if (id.isEmpty() || id.length() > MessageLimits.MAX_ID_LENGTH) {
            return new Broken(ID_LENGTH_RULE, id.length() + " characters" + (id.isEmpty() ? "" : " '" + shown(id) + "'"));
        }
        return textBroken("id", id);
    }

    /** The SQS character rule for {@code what} (a body, an id, an attribute value), or null when {@code text} keeps it. */
    public static Broken textBroken(String what, String text) {
        int bad = Utf8.firstDisallowed(text);
        if (bad < 0) {
            return null;
        }
        return new Broken(what + " " + CHARACTER_RULE, Utf8.codePointName(text, bad) + " at index " + bad + " of '" + shown(text) + "'");
    }

    /**
     * The rule a {@code Number} attribute value breaks, or null: SNS and SQS keep at most 38
     * significant digits (leading and trailing zeros trimmed) and magnitudes from 10^-128 to
     * 10^+126. Counts digits on the text before any arithmetic, so a huge exponent or digit run
     * costs one pass over the text.
     */
    public static Broken numberBroken(String text) {
        String trimmed = text.trim();
        int digits = NumberText.significantDigits(trimmed);
        if (digits < 0) {
            return new Broken("Number value must be a number in decimal notation", "'" + shown(text) + "'");
        }
        if (digits > MessageLimits.MAX_NUMBER_DIGITS) {
            return new Broken(NUMBER_RULE, digits + " significant digits in '" + shown(text) + "'");
        }
        if (digits == 0) {
            return null;
        }
        long exponent = NumberText.exponent(trimmed);
        boolean tooSmall = exponent < MessageLimits.MIN_NUMBER_EXPONENT;
        boolean tooLarge = exponent > MessageLimits.MAX_NUMBER_EXPONENT
                || (exponent == MessageLimits.MAX_NUMBER_EXPONENT && digits > 1);
        if (tooSmall || tooLarge) {
            return new Broken(NUMBER_RULE, "magnitude 10^" + exponent + " in '" + shown(text) + "'");
        }
        return null;
    }

    /** Text quoted safely in an error: abbreviated, with characters SQS refuses escaped. */
    public static String shown(String text) {
        return Utf8.printable(text, SHOWN_CHARACTERS);
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
