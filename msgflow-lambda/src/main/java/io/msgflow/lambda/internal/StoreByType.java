package io.msgflow.lambda.internal;

import io.msgflow.Message;
import io.msgflow.processing.MessageContext;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.PermanentFailureException;
import java.util.Optional;
import java.util.Set;

/**
 * The handler of the generic functions: every message whose type has a table goes to the sink as
 * it came, JSON or not (plain text is stored as the sink's table stores text; see
 * {@code TableMapping.standard}). A type without a table, or a type other than the one a drain
 * asked for, fails for good, with the reason.
 */
public final class StoreByType implements MessageHandler<Object> {
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
        return message;
    }
}
