package io.msgflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.AttributeType;
import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON envelope in which SNS hands a notification to a subscribed SQS queue when raw message
 * delivery is off: {@code Type}, {@code MessageId}, {@code SequenceNumber} (FIFO topics),
 * {@code TopicArn}, {@code Subject}, {@code Message}, {@code Timestamp}, the signature fields and
 * {@code MessageAttributes} as {@code {"name":{"Type":"String","Value":"..."}}} with Binary values
 * in base64. Stateless and thread-safe.
 */
public final class SnsEnvelope {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String UNSIGNED_CERTIFICATE = "00000000000000000000000000000000";

    private SnsEnvelope() {
    }

    /**
     * A recognised envelope, unwrapped.
     *
     * @param messageId the SNS MessageId
     * @param topicArn the topic that sent it
     * @param subject the Subject, if the publisher gave one
     * @param message the published body
     * @param timestamp when SNS accepted it, when the field is readable
     * @param sequenceNumber FIFO topics only
     * @param attributes the message attributes that could be read
     * @param problem why some part of the envelope could not be read (an attribute of unknown type,
     *                a missing MessageId); the rest is still returned
     */
    public record Unwrapped(String messageId, String topicArn, Optional<String> subject, String message,
                            Optional<Instant> timestamp, Optional<String> sequenceNumber,
                            Map<String, MessageAttribute> attributes, Optional<String> problem) {
        public Unwrapped {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /**
     * The envelope SNS writes for one notification to one subscription. The signature is a
     * placeholder (no SNS signing key exists outside SNS): consumers that verify signatures must
     * not be pointed at an emulator.
     */
    public static String write(String topicArn, String subscriptionArn, String messageId, Optional<String> sequenceNumber,
                               Optional<String> subject, String message, Instant timestamp,
                               Map<String, MessageAttribute> attributes) {
        String endpoint = "https://sns." + regionOf(topicArn) + ".amazonaws.com";
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("Type", "Notification");
        root.put("MessageId", messageId);
        sequenceNumber.ifPresent(s -> root.put("SequenceNumber", s));
        root.put("TopicArn", topicArn);
        subject.ifPresent(s -> root.put("Subject", s));
        root.put("Message", message);
        root.put("Timestamp", TIMESTAMP.format(timestamp));
        root.put("SignatureVersion", "1");
        root.put("Signature", Base64.getEncoder().encodeToString(
                ("unsigned notification " + messageId).getBytes(StandardCharsets.UTF_8)));
        root.put("SigningCertURL", endpoint + "/SimpleNotificationService-" + UNSIGNED_CERTIFICATE + ".pem");
        root.put("UnsubscribeURL", endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn);
        if (!attributes.isEmpty()) {
            root.set("MessageAttributes", writeAttributes(attributes));
        }
        return Json.write(root);
    }

    /** How much of the envelope must be there for a body to count as one. */
    public enum Detection {
        /**
         * For queues whose route delivers envelopes: {@code Type} {@code Notification}, a
         * {@code TopicArn} and a {@code Message}; missing parts become the delivery's problem.
         */
        LENIENT,
        /**
         * For queues whose subscriptions are not known: every field SNS writes for a notification
         * is present with its shape: {@code Type} {@code Notification}, a non-empty {@code MessageId},
         * a {@code TopicArn} that is an SNS ARN, a string {@code Message}, an ISO-8601
         * {@code Timestamp}, an {@code UnsubscribeURL}, the signature fields
         * ({@code SignatureVersion}, {@code Signature}, {@code SigningCertURL}), and where present a
         * string {@code Subject} and {@code SequenceNumber} and an object {@code MessageAttributes}
         * of {@code {"Type","Value"}} strings.
         */
        STRICT
    }

    /** {@link #read(String, Detection)} with {@link Detection#LENIENT}. */
    public static Optional<Unwrapped> read(String sqsBody) {
        return read(sqsBody, Detection.LENIENT);
    }

    /**
     * The envelope in an SQS body, when the body is one under the given detection. Any other body
     * (a raw delivery) gives empty. Never throws.
     */
    public static Optional<Unwrapped> read(String sqsBody, Detection detection) {
        if (!looksLikeEnvelope(sqsBody)) {
            return Optional.empty();
        }
        JsonNode root = Json.tryParse(sqsBody);
        if (root == null || !root.isObject() || !"Notification".equals(text(root, "Type"))
                || text(root, "TopicArn") == null || text(root, "Message") == null) {
            return Optional.empty();
        }
        if (detection == Detection.STRICT && !isComplete(root)) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>(0);
        String messageId = text(root, "MessageId");
        if (messageId == null) {
            problems.add("envelope has no MessageId");
            messageId = "";
        }
        Optional<Instant> timestamp = readTimestamp(root, problems);
        Map<String, MessageAttribute> attributes = readAttributes(root.get("MessageAttributes"), problems);
        return Optional.of(new Unwrapped(messageId, text(root, "TopicArn"), Optional.ofNullable(text(root, "Subject")),
                text(root, "Message"), timestamp, Optional.ofNullable(text(root, "SequenceNumber")), attributes,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems))));
    }

    private static final List<String> REQUIRED_TEXT = List.of("MessageId", "Timestamp", "UnsubscribeURL", "SignatureVersion",
            "Signature", "SigningCertURL");
    private static final List<String> OPTIONAL_TEXT = List.of("Subject", "SequenceNumber");

    private static boolean isComplete(JsonNode root) {
        for (String field : REQUIRED_TEXT) {
            String value = text(root, field);
            if (value == null || value.isEmpty()) {
                return false;
            }
        }
        for (String field : OPTIONAL_TEXT) {
            if (root.has(field) && !root.get(field).isTextual() && !root.get(field).isNull()) {
                return false;
            }
        }
        return text(root, "TopicArn").startsWith("arn:") && text(root, "TopicArn").contains(":sns:")
                && isTimestamp(text(root, "Timestamp")) && hasAttributeShape(root.get("MessageAttributes"));
    }

    private static boolean isTimestamp(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean hasAttributeShape(JsonNode attributes) {
        if (attributes == null || attributes.isNull()) {
            return true;
        }
        if (!attributes.isObject()) {
            return false;
        }
        for (JsonNode value : attributes) {
            if (text(value, "Type") == null || text(value, "Value") == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeEnvelope(String body) {
        return body != null && body.contains("\"Notification\"") && body.contains("\"TopicArn\"");
    }

    private static ObjectNode writeAttributes(Map<String, MessageAttribute> attributes) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        attributes.forEach((name, a) -> {
            ObjectNode value = node.putObject(name);
            value.put("Type", a.dataType());
            value.put("Value", a.type() == AttributeType.BINARY
                    ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue());
        });
        return node;
    }

    private static Map<String, MessageAttribute> readAttributes(JsonNode node, List<String> problems) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            problems.add("envelope MessageAttributes must be a JSON object, but was " + node.getNodeType());
            return attributes;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                attributes.put(e.getKey(), readAttribute(e.getValue()));
            } catch (MsgflowException | IllegalArgumentException ex) {
                problems.add("envelope attribute '" + e.getKey() + "' cannot be read: " + ex.getMessage());
            }
        }
        return attributes;
    }

    private static MessageAttribute readAttribute(JsonNode value) {
        String type = text(value, "Type");
        String text = text(value, "Value");
        if (type == null || text == null) {
            throw new IllegalArgumentException("needs string fields Type and Value, but was " + value);
        }
        return AttributeType.ofDataType(type) == AttributeType.BINARY
                ? MessageAttribute.ofBinary(type, Base64.getDecoder().decode(text)) : MessageAttribute.of(type, text);
    }

    private static Optional<Instant> readTimestamp(JsonNode root, List<String> problems) {
        String text = text(root, "Timestamp");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            problems.add("envelope Timestamp is not ISO-8601: '" + text + "'");
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String regionOf(String topicArn) {
        String[] parts = topicArn.split(":", 6);
        return parts.length == 6 ? parts[3] : "us-east-1";
    }
}
