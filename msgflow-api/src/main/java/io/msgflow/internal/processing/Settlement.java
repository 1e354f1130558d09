package io.msgflow.internal.processing;

import io.msgflow.MsgflowException;
import io.msgflow.internal.Batches;
import io.msgflow.processing.BatchResult;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link BatchResult} to its queue. A failed call leaves its deliveries on the queue;
 * they come back after their visibility timeout, and the idempotent sink absorbs the repeat.
 */
public final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private Settlement() {
    }

    public static void settle(BatchResult result, MessageSource source) {
        deadLetter(result.deadLettered(), source);
        for (List<ReceivedMessage> chunk : Batches.chunk(result.acked(), m -> 0)) {
            report("acknowledge", source, call(source, "acknowledge", () -> source.acknowledge(chunk)));
        }
        Map<Duration, List<ReceivedMessage>> byDelay = new LinkedHashMap<>();
        for (BatchResult.Retry retry : result.retried()) {
            byDelay.computeIfAbsent(retry.delay(), d -> new ArrayList<>()).add(retry.message());
        }
        byDelay.forEach((delay, messages) -> {
            for (List<ReceivedMessage> chunk : Batches.chunk(messages, m -> 0)) {
                report("change visibility", source, call(source, "change visibility", () -> source.changeVisibility(chunk, delay)));
            }
        });
    }

    private static void deadLetter(List<DeadLetter> deadLetters, MessageSource source) {
        for (List<DeadLetter> chunk : Batches.chunk(deadLetters, d -> 0)) {
            report("dead-letter", source, call(source, "dead-letter", () -> source.deadLetter(chunk)));
        }
    }

    private interface Call {
        OperationResult run();
    }

    private static OperationResult call(MessageSource source, String what, Call call) {
        try {
            return call.run();
        } catch (MsgflowException e) {
            LOG.warn("queue '{}': {} failed; the messages stay on the queue and come back: {}", source.queue(), what, e.getMessage());
            return null;
        }
    }

    private static void report(String what, MessageSource source, OperationResult result) {
        if (result == null) {
            return;
        }
        for (EntryFailure f : result.failed()) {
            LOG.warn("queue '{}': {} of message {} failed ({}: {}); it stays on the queue and comes back",
                    source.queue(), what, f.message().id(), f.code(), f.reason());
        }
    }
}
