package io.msgflow.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The input of a {@link DrainQueueHandler}: {@code {"queueUrl": "...", "messageType": "..."}}, or
 * as the original Step Functions state machine spells it, {@code {"QueueUrl": ..., "MessageType": ...}}.
 *
 * @param queueUrl the queue to drain; may be omitted when {@code QUEUE_URLS} names exactly one
 * @param messageType when given, the only type the queue should hold: a message of another type
 *                    is dead-lettered with the reason
 */
public record DrainRequest(Optional<String> queueUrl, Optional<String> messageType) {

    public DrainRequest {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(messageType, "messageType");
    }

    public static DrainRequest of(String queueUrl) {
        return new DrainRequest(Optional.of(queueUrl), Optional.empty());
    }

    /**
     * The request a JSON input describes; other fields are ignored.
     *
     * @throws LambdaInputException when a field is not a string, or both spellings differ
     */
    public static DrainRequest fromJson(JsonNode input) {
        if (input != null && !input.isNull() && !input.isMissingNode() && !input.isObject()) {
            throw new LambdaInputException("input", "the drain input must be a JSON object such as {\"queueUrl\": \"...\"}, but was a JSON "
                    + input.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new DrainRequest(text(input, "queueUrl", "QueueUrl"), text(input, "messageType", "MessageType"));
    }

    private static Optional<String> text(JsonNode input, String name, String alias) {
        Optional<String> a = field(input, name);
        Optional<String> b = field(input, alias);
        if (a.isPresent() && b.isPresent() && !a.equals(b)) {
            throw new LambdaInputException(name, "input fields `" + name + "` and `" + alias + "` must agree when both are given, but were '"
                    + a.get() + "' and '" + b.get() + "'");
        }
        return a.or(() -> b);
    }

    private static Optional<String> field(JsonNode input, String name) {
        JsonNode value = input == null ? null : input.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new LambdaInputException(name, "input field `" + name + "` must be a non-blank string, but was " + value);
        }
        return Optional.of(value.asText().trim());
    }
}
