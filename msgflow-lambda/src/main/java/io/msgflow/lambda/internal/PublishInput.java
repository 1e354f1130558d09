package io.msgflow.lambda.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import io.msgflow.WireFormat;
import io.msgflow.internal.Json;
import io.msgflow.lambda.LambdaInputException;
import io.msgflow.lambda.PublishOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The messages a publish input describes. Accepted shapes: nothing or {@code {}} (the original
 * demo run: 2 samples of each type), {@code {"samples": n}} (n from 1 to {@value #MAX_SAMPLES}),
 * {@code {"messages": [...]}} or a bare array. In an object, fields other than {@code samples} and
 * {@code messages} are ignored (the Step Functions console starts executions with
 * {@code {"Comment": ...}}), so an object with neither publishes the default samples; a field that
 * is one of the two but for case or a plural {@code s} ({@code message}, {@code Samples}) is
 * refused as a likely typo, and so is an object with both. A message is {@code {"type": "...", "body": <JSON>, "id"?, "attributes"?, "groupId"?,
 * "deduplicationId"?}}; a body given as a string must be JSON text, any other JSON value is sent
 * as its JSON text. An attribute is a string or {@code {"dataType": "Number", "value": "3"}}.
 * Each entry that cannot become a valid message is a failure with its reason; the rest go on.
 */
public final class PublishInput {
    static final int DEFAULT_SAMPLES = 2;
    static final int MAX_SAMPLES = 500;
    private static final String SAMPLES = "samples";
    private static final String MESSAGES = "messages";

    private PublishInput() {
    }

    /** Messages to publish, by input index, and the entries refused. */
    public record Parsed(Map<Integer, Message> messages, List<PublishOutcome.Failure> refused) {
    }

    public static Parsed parse(JsonNode input, WireFormat wireFormat, Clock clock) {
        if (input == null || input.isMissingNode() || input.isNull()) {
            return valid(SampleMessages.create(DEFAULT_SAMPLES, clock), wireFormat);
        }
        if (input.isObject()) {
            checkFields(input);
            if (input.has(SAMPLES)) {
                return valid(SampleMessages.create(samples(input.get(SAMPLES)), clock), wireFormat);
            }
            if (!input.has(MESSAGES)) {
                return valid(SampleMessages.create(DEFAULT_SAMPLES, clock), wireFormat);
            }
        }
        JsonNode list = input.isObject() ? input.get(MESSAGES) : input;
        if (list == null || !list.isArray()) {
            throw new LambdaInputException("messages", "the publish input must be {\"messages\": [...]}, a JSON array of messages or"
                    + " {\"samples\": n}, but was " + abbreviate(input.toString()));
        }
        Map<Integer, Message> messages = new java.util.LinkedHashMap<>();
        List<PublishOutcome.Failure> refused = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            try {
                Message message = message(entry);
                wireFormat.validate(message);
                checkUnique(message, messages);
                messages.put(i, message);
            } catch (MsgflowException | IllegalArgumentException e) {
                refused.add(new PublishOutcome.Failure(i, text(entry, "id"), text(entry, "type"), e.getMessage()));
            }
        }
        return new Parsed(messages, refused);
    }

    /** The fields of an object input that are ignored: all but samples and messages. */
    public static List<String> ignoredFields(JsonNode input) {
        List<String> ignored = new ArrayList<>();
        if (input != null && input.isObject()) {
            input.fieldNames().forEachRemaining(name -> {
                if (!name.equals(SAMPLES) && !name.equals(MESSAGES)) {
                    ignored.add(abbreviate(name));
                }
            });
        }
        return ignored;
    }

    private static void checkFields(JsonNode input) {
        if (input.has(SAMPLES) && input.has(MESSAGES)) {
            throw new LambdaInputException(MESSAGES, "the publish input must have either `samples` or `messages`, but had both");
        }
        input.fieldNames().forEachRemaining(name -> {
            for (String field : List.of(SAMPLES, MESSAGES)) {
                if (!name.equals(field) && looksLike(name, field)) {
                    throw new LambdaInputException(field, "the publish input field '" + abbreviate(name) + "' looks like a misspelt `"
                            + field + "`; fields other than `samples` and `messages` are ignored, so it would publish the default samples");
                }
            }
        });
    }

    private static boolean looksLike(String name, String field) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(field) || lower.equals(field.substring(0, field.length() - 1));
    }

    private static void checkUnique(Message message, Map<Integer, Message> earlier) {
        earlier.forEach((index, m) -> {
            if (m.id().equals(message.id())) {
                throw new IllegalArgumentException("id '" + message.id() + "' is already the id of the message at index " + index
                        + "; ids must be unique, as sinks keep one row per id");
            }
        });
    }

    private static Parsed valid(List<Message> samples, WireFormat wireFormat) {
        Map<Integer, Message> messages = new java.util.LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            wireFormat.validate(samples.get(i));
            messages.put(i, samples.get(i));
        }
        return new Parsed(messages, List.of());
    }

    private static int samples(JsonNode value) {
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > MAX_SAMPLES) {
            throw new LambdaInputException("samples", "input field `samples` must be a whole number between 1 and " + MAX_SAMPLES
                    + ", but was " + value);
        }
        return value.asInt();
    }

    private static Message message(JsonNode entry) {
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException("a message must be a JSON object with type and body, but was " + abbreviate(String.valueOf(entry)));
        }
        String type = text(entry, "type");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a message must have a non-blank string `type`, but had " + entry.get("type"));
        }
        Message.Builder b = Message.builder().type(type).body(body(entry.get("body")));
        String id = text(entry, "id");
        if (id != null) {
            b.id(id);
        }
        String group = text(entry, "groupId");
        if (group != null) {
            b.groupId(group);
        }
        String dedup = text(entry, "deduplicationId");
        if (dedup != null) {
            b.deduplicationId(dedup);
        }
        attributes(entry.get("attributes"), b);
        return b.build();
    }

    private static String body(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new IllegalArgumentException("a message must have a `body`, but had none");
        }
        if (!body.isTextual()) {
            return Json.write(body);
        }
        JsonNode parsed = Json.tryParse(body.asText());
        if (parsed == null || parsed.isMissingNode()) {
            throw new IllegalArgumentException("a string `body` must be JSON text, but was " + abbreviate(body.asText()));
        }
        return body.asText();
    }

    private static void attributes(JsonNode attributes, Message.Builder b) {
        if (attributes == null || attributes.isNull()) {
            return;
        }
        if (!attributes.isObject()) {
            throw new IllegalArgumentException("`attributes` must be a JSON object, but was " + abbreviate(attributes.toString()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isTextual()) {
                b.attribute(e.getKey(), MessageAttribute.string(value.asText()));
            } else if (value.isObject() && text(value, "dataType") != null && text(value, "value") != null) {
                b.attribute(e.getKey(), MessageAttribute.of(text(value, "dataType"), text(value, "value")));
            } else {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' must be a string or {\"dataType\": ..., \"value\": ...},"
                        + " but was " + abbreviate(value.toString()));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
