package io.msgflow;

import io.msgflow.internal.MessageRules;
import io.msgflow.internal.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Message} travels over SNS/SQS: its type and id become String message attributes
 * (by default {@code message_type}, as in the workflow msgflow grew from, and {@code msgflow_id}),
 * so SNS filter policies can route on the type and every delivery of one publication keeps its id.
 * These two count toward the limit of 10 attributes. Immutable and thread-safe.
 */
public final class WireFormat {
    public static final String DEFAULT_TYPE_ATTRIBUTE = "message_type";
    public static final String DEFAULT_ID_ATTRIBUTE = "msgflow_id";

    private static final WireFormat DEFAULTS = new WireFormat(DEFAULT_TYPE_ATTRIBUTE, DEFAULT_ID_ATTRIBUTE);

    private final String typeAttribute;
    private final String idAttribute;

    private WireFormat(String typeAttribute, String idAttribute) {
        MessageRules.checkAttributeName("wire format typeAttribute", typeAttribute);
        MessageRules.checkAttributeName("wire format idAttribute", idAttribute);
        if (typeAttribute.equals(idAttribute)) {
            throw new InvalidConfigurationException("idAttribute",
                    "`idAttribute` must differ from `typeAttribute`, but both were '" + idAttribute + "'");
        }
        this.typeAttribute = typeAttribute;
        this.idAttribute = idAttribute;
    }

    public static WireFormat defaults() {
        return DEFAULTS;
    }

    public static WireFormat of(String typeAttribute, String idAttribute) {
        return new WireFormat(Objects.requireNonNull(typeAttribute, "typeAttribute"), Objects.requireNonNull(idAttribute, "idAttribute"));
    }

    /** Name of the String attribute that carries the message type. */
    public String typeAttribute() {
        return typeAttribute;
    }

    /** Name of the String attribute that carries the logical message id. */
    public String idAttribute() {
        return idAttribute;
    }

    /** The attributes as sent: the user's, then type and id. */
    public Map<String, MessageAttribute> wireAttributes(Message message) {
        checkReservedNames(message);
        Map<String, MessageAttribute> wire = new LinkedHashMap<>(message.attributes());
        wire.put(typeAttribute, MessageAttribute.string(message.type()));
        wire.put(idAttribute, MessageAttribute.string(message.id()));
        return wire;
    }

    /**
     * Checks everything SNS/SQS would refuse: reserved names, attribute count with ours, size.
     * Builds no attribute map unless a rule is broken.
     *
     * @return the size on the wire, as {@link #sizeInBytes(Message)}
     * @throws MessageValidationException naming the message, the rule and the value
     */
    public int validate(Message message) {
        checkReservedNames(message);
        int size = sizeInBytes(message);
        if (message.attributes().size() + 2 > MessageLimits.MAX_ATTRIBUTES || size > MessageLimits.MAX_MESSAGE_BYTES) {
            MessageRules.checkWire("message " + message.id(), message.body(), wireAttributes(message));
        }
        return size;
    }

    /** Size on the wire: body plus all attributes (ours included), as SNS/SQS count it. */
    public int sizeInBytes(Message message) {
        return MessageRules.sizeInBytes(message.body(), message.attributes())
                + stringAttributeSize(typeAttribute, message.type()) + stringAttributeSize(idAttribute, message.id());
    }

    private static int stringAttributeSize(String name, String value) {
        return Utf8.length(name) + Utf8.length(AttributeType.STRING.wireName()) + Utf8.length(value);
    }

    private void checkReservedNames(Message message) {
        if (message.attributes().containsKey(typeAttribute) || message.attributes().containsKey(idAttribute)) {
            throw new MessageValidationException("message " + message.id(),
                    "attributes '" + typeAttribute + "' and '" + idAttribute + "' are reserved for the type and id",
                    "attributes " + message.attributes().keySet());
        }
    }

    /** The type carried by wire attributes, if any. */
    public Optional<String> typeOf(Map<String, MessageAttribute> wireAttributes) {
        return stringValue(wireAttributes.get(typeAttribute));
    }

    /** The logical id carried by wire attributes, if any. */
    public Optional<String> idOf(Map<String, MessageAttribute> wireAttributes) {
        return stringValue(wireAttributes.get(idAttribute));
    }

    /** The wire attributes less the type and id attributes. */
    public Map<String, MessageAttribute> userAttributes(Map<String, MessageAttribute> wireAttributes) {
        Map<String, MessageAttribute> user = new LinkedHashMap<>(wireAttributes);
        user.remove(typeAttribute);
        user.remove(idAttribute);
        return user;
    }

    private static Optional<String> stringValue(MessageAttribute attribute) {
        return attribute == null || attribute.type() != AttributeType.STRING
                ? Optional.empty() : Optional.of(attribute.stringValue());
    }

    @Override
    public String toString() {
        return "WireFormat{typeAttribute=" + typeAttribute + ", idAttribute=" + idAttribute + "}";
    }
}
