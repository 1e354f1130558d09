package io.msgflow.lambda.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.internal.Json;
import io.msgflow.processing.MessageContext;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.PermanentFailureException;
import java.util.Optional;
import java.util.Set;

/**
 * The handler of the generic functions: every message whose type has a table goes to the sink as
 * it came. A type without a table, a type other than the one a drain asked for, or a body that is
 * not JSON fails for good, with the reason.
 */
public final class StoreByType implements MessageHandler<Object> {
    private static final int MAX_REASON_DETAIL = 200;

    private final Set<String> storedTypes;
    private final Optional<String> expectedType;

    public StoreByType(Set<String> storedTypes, Optional<String> expectedType) {
        this.storedTypes = Set.copyOf(storedTypes);
        this.expectedType = expectedType;
    }

    @Override
    public Object handle(Object payload, MessageContext context) {
        Message message = (Message) payload;
        if (expectedType.isPresent() && !expectedType.get().equals(message.type())) {
            throw new PermanentFailureException("queue '" + context.queue() + "' is drained for message type '" + expectedType.get()
                    + "', but message " + message.id() + " has type '" + message.type() + "'");
        }
        if (!storedTypes.contains(message.type())) {
            throw new PermanentFailureException("unknown message type '" + message.type() + "' of message " + message.id()
                    + ": no table is configured for it; tables exist for " + storedTypes);
        }
        checkJson(message);
        return message;
    }

    private static void checkJson(Message message) {
        String problem;
        try {
            JsonNode node = Json.MAPPER.readTree(message.body());
            problem = node == null || node.isMissingNode() ? "it is empty" : null;
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            problem = detail.length() > MAX_REASON_DETAIL ? detail.substring(0, MAX_REASON_DETAIL) + "..." : detail;
        }
        if (problem != null) {
            throw new PermanentFailureException("body of message " + message.id() + " (type '" + message.type()
                    + "') is not valid JSON: " + problem);
        }
    }
}
