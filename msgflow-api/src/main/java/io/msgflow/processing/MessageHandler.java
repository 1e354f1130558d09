package io.msgflow.processing;

import java.util.function.Consumer;

/**
 * Handles the payload of one message type.
 *
 * <p>A handler runs on the thread that processes the batch, once per delivery: a redelivered
 * message runs it again, so side effects must be idempotent (or go to the sink, which is).
 * Throwing {@link PermanentFailureException} dead-letters the message at once; any other
 * exception retries it with backoff.
 *
 * @param <T> the payload type registered with the codec
 */
@FunctionalInterface
public interface MessageHandler<T> {

    /**
     * @return what to write to the processor's sink for this message: the payload itself, another
     *         object (encoded by the codec's {@code encodeBody}: text as it is for a text type, JSON
     *         otherwise), or {@code null} to write nothing
     * @throws Exception to fail this message (see the class contract)
     */
    Object handle(T payload, MessageContext context) throws Exception;

    /** Writes every payload as it came to the sink. */
    static <T> MessageHandler<T> store() {
        return (payload, context) -> payload;
    }

    /** A side effect only; nothing goes to the sink. */
    static <T> MessageHandler<T> of(Consumer<T> action) {
        return (payload, context) -> {
            action.accept(payload);
            return null;
        };
    }
}
