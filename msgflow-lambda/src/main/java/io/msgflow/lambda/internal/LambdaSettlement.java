package io.msgflow.lambda.internal;

import io.msgflow.MsgflowException;
import io.msgflow.internal.Batches;
import io.msgflow.lambda.RetryVisibility;
import io.msgflow.processing.BatchResult;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a {@link BatchResult} the Lambda way: acknowledged messages are left to Lambda, which
 * deletes every message not reported; dead letters are moved now through the source (copy to the
 * dead-letter queue with the reason, then delete); retried messages are reported, after their
 * visibility was set to their backoff delay when so configured. A dead letter that cannot be moved
 * is reported too, so it stays on the queue: nothing is lost.
 */
public final class LambdaSettlement {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaSettlement.class);

    private LambdaSettlement() {
    }

    /** @return the SQS message ids to report in {@code batchItemFailures} */
    public static Set<String> settle(BatchResult result, MessageSource source, RetryVisibility retryVisibility) {
        Set<String> failures = new LinkedHashSet<>();
        for (BatchResult.Retry retry : result.retried()) {
            LOG.info("queue '{}': message {} (SQS id {}) will be retried after {} ms: {}", source.queue(), retry.message().id(),
                    retry.message().transportMessageId(), retry.delay().toMillis(), retry.reason());
            failures.add(retry.message().transportMessageId());
        }
        if (retryVisibility == RetryVisibility.BACKOFF) {
            delay(result.retried(), source);
        }
        failures.addAll(deadLetter(result.deadLettered(), source));
        return failures;
    }

    private static void delay(List<BatchResult.Retry> retried, MessageSource source) {
        Map<Duration, List<ReceivedMessage>> byDelay = new LinkedHashMap<>();
        retried.forEach(r -> byDelay.computeIfAbsent(r.delay(), d -> new ArrayList<>()).add(r.message()));
        byDelay.forEach((delay, messages) -> {
            for (List<ReceivedMessage> chunk : Batches.chunk(messages, m -> 0)) {
                try {
                    source.changeVisibility(chunk, delay).failed().forEach(f -> LOG.warn(
                            "queue '{}': could not delay the retry of message {} ({}: {}); it comes back after the visibility timeout",
                            source.queue(), f.message().id(), f.code(), f.reason()));
                } catch (MsgflowException e) {
                    LOG.warn("queue '{}': could not delay {} retries; they come back after the visibility timeout: {}",
                            source.queue(), chunk.size(), e.getMessage());
                }
            }
        });
    }

    private static List<String> deadLetter(List<DeadLetter> deadLetters, MessageSource source) {
        List<String> notMoved = new ArrayList<>();
        for (List<DeadLetter> chunk : Batches.chunk(deadLetters, d -> 0)) {
            OperationResult moved;
            try {
                moved = source.deadLetter(chunk);
            } catch (MsgflowException e) {
                chunk.forEach(d -> notMoved.add(reportNotMoved(source, d, "DeadLetterFailed", e.getMessage())));
                continue;
            }
            moved.succeeded().forEach(m -> LOG.warn("queue '{}': message {} (SQS id {}) moved to the dead-letter queue: {}",
                    source.queue(), m.id(), m.transportMessageId(), reasonOf(chunk, m)));
            for (EntryFailure f : moved.failed()) {
                notMoved.add(reportNotMoved(source, deadLetterOf(chunk, f.message()), f.code(), f.reason()));
            }
        }
        return notMoved;
    }

    private static String reportNotMoved(MessageSource source, DeadLetter d, String code, String why) {
        LOG.error("queue '{}': message {} (SQS id {}) failed for good ({}) but could not be moved to the dead-letter queue"
                + " ({}: {}); it is reported as failed and stays on the queue", source.queue(), d.message().id(),
                d.message().transportMessageId(), d.reason(), code, why);
        return d.message().transportMessageId();
    }

    private static String reasonOf(List<DeadLetter> chunk, ReceivedMessage m) {
        return deadLetterOf(chunk, m).reason();
    }

    private static DeadLetter deadLetterOf(List<DeadLetter> chunk, ReceivedMessage m) {
        for (DeadLetter d : chunk) {
            if (d.message().receiptHandle().equals(m.receiptHandle())) {
                return d;
            }
        }
        return new DeadLetter(m, "(reason unknown)");
    }
}
