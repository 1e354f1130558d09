package io.msgflow.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.internal.Json;
import java.util.List;

/**
 * What a {@link PublishHandler} did, returned as
 * {@code {"messageIds":["…"],"failed":[{"index":2,"id":"…","type":"…","reason":"…"}]}}: every input
 * message is in exactly one of the two lists.
 *
 * @param messageIds msgflow ids of the messages the topic accepted, in input order (the ids the
 *                   tables' {@code message_id} column will hold)
 * @param failed the messages not published, each with its position in the input and the reason
 */
public record PublishOutcome(List<String> messageIds, List<Failure> failed) {

    /** A message not published; {@code id} and {@code type} are null when the input did not give them. */
    public record Failure(int index, String id, String type, String reason) {
    }

    public PublishOutcome {
        messageIds = List.copyOf(messageIds);
        failed = List.copyOf(failed);
    }

    /** The JSON the handler returns. */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode ids = node.putArray("messageIds");
        messageIds.forEach(ids::add);
        ArrayNode failures = node.putArray("failed");
        for (Failure f : failed) {
            ObjectNode entry = failures.addObject();
            entry.put("index", f.index());
            entry.put("id", f.id());
            entry.put("type", f.type());
            entry.put("reason", f.reason());
        }
        return node;
    }
}
