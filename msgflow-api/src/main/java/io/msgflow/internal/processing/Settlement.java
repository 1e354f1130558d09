package io.msgflow.internal.processing;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.MessageOutcome.Kind;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.MissingDeadLetterQueue;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settlement engine behind {@code io.msgflow.spi.SettlementEngine}; see its contract. */
public final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    private static final int MAX_ENTRIES = 10;

    private final MessageProcessor processor;
    private final MessageSource source;
    private final Mode mode;

    /** See {@code io.msgflow.spi.SettlementEngine.Mode}. */
    public enum Mode {
        SETTLE_ALL,
        RUNTIME_ACKNOWLEDGES,
        RUNTIME_ACKNOWLEDGES_AND_RETRIES
    }

    private Settlement(MessageProcessor processor, MessageSource source, Mode mode) {
        this.processor = processor;
        this.source = source;
        this.mode = mode;
    }

    /** @throws InvalidConfigurationException when the processor requires a dead-letter queue the source's declaration lacks */
    public static Settlement of(MessageProcessor processor, MessageSource source, Mode mode) {
        if (processor.missingDeadLetterQueue() == MissingDeadLetterQueue.FAIL_AT_START
                && source.declaration().map(q -> q.redrive().isEmpty()).orElse(false)) {
            throw new InvalidConfigurationException("deadLetterQueue", "queue '" + source.queue()
                    + "' has no dead-letter queue, and the processor is set to `MissingDeadLetterQueue.FAIL_AT_START`:"
                    + " declare one (QueueSpec.deadLetterQueue) or choose `MissingDeadLetterQueue.RETAIN`");
        }
        return new Settlement(processor, source, mode);
    }

    public MessageSource source() {
        return source;
    }

    /** Processes a batch and settles it. */
    public BatchResult run(List<ReceivedMessage> batch) {
        return settle(processor.process(batch, source.declaration()));
    }

    /** Hands deliveries back unprocessed (visibility 0), e.g. received while stopping. */
    public BatchResult handBack(List<ReceivedMessage> batch, String reason) {
        Instant now = processor.clock().instant();
        List<MessageOutcome> outcomes = new ArrayList<>(batch.size());
        batch.forEach(m -> outcomes.add(MessageOutcome.handedBack(m, now, reason)));
        return settle(new BatchResult(outcomes));
    }

    /** Applies decided outcomes to the queue; returns what happened, one outcome per delivery, in order. */
    public BatchResult settle(BatchResult decided) {
        MessageOutcome[] outcomes = decided.outcomes().toArray(new MessageOutcome[0]);
        Map<String, Integer> index = new HashMap<>(outcomes.length * 2);
        for (int i = 0; i < outcomes.length; i++) {
            index.put(outcomes[i].message().receiptHandle(), i);
        }
        deadLetter(outcomes, index);
        if (mode == Mode.SETTLE_ALL) {
            apply(outcomes, index, select(outcomes, Kind.ACKNOWLEDGED), "acknowledge", source::acknowledge);
        }
        changeVisibility(outcomes, index);
        report(outcomes);
        return new BatchResult(List.of(outcomes));
    }

    private void deadLetter(MessageOutcome[] outcomes, Map<String, Integer> index) {
        List<Integer> dead = select(outcomes, Kind.DEAD_LETTERED);
        for (int from = 0; from < dead.size(); from += MAX_ENTRIES) {
            List<Integer> chunk = dead.subList(from, Math.min(dead.size(), from + MAX_ENTRIES));
            List<DeadLetter> letters = new ArrayList<>(chunk.size());
            chunk.forEach(i -> letters.add(new DeadLetter(outcomes[i].message(), outcomes[i].reason())));
            try {
                OperationResult result = source.deadLetter(letters);
                markFailures(outcomes, index, result, "dead-letter");
            } catch (InvalidConfigurationException e) {
                Instant now = processor.clock().instant();
                chunk.forEach(i -> outcomes[i] = MessageOutcome.retained(outcomes[i].message(), now,
                        QueueLimits.retainFor(outcomes[i].message(), processor.retryPolicy()), outcomes[i].reason()));
            } catch (RuntimeException e) {
                markAll(outcomes, chunk, "dead-letter", e);
            }
        }
    }

    private void changeVisibility(MessageOutcome[] outcomes, Map<String, Integer> index) {
        Map<Long, List<Integer>> bySeconds = new TreeMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            Kind kind = outcomes[i].kind();
            boolean retryByEngine = kind == Kind.RETRY && mode != Mode.RUNTIME_ACKNOWLEDGES_AND_RETRIES;
            if (retryByEngine || kind == Kind.RETAINED || kind == Kind.HANDED_BACK) {
                bySeconds.computeIfAbsent(wholeSeconds(outcomes[i].delay()), s -> new ArrayList<>()).add(i);
            }
        }
        bySeconds.forEach((seconds, all) -> {
            Duration delay = Duration.ofSeconds(seconds);
            apply(outcomes, index, all, "change visibility", chunk -> source.changeVisibility(chunk, delay));
        });
    }

    /** SQS counts visibility in whole seconds; a delay is rounded up so a retry never comes back early. */
    static long wholeSeconds(Duration delay) {
        return Math.min(Duration.ofHours(12).getSeconds(), delay.plusNanos(999_999_999).getSeconds());
    }

    private void apply(MessageOutcome[] outcomes, Map<String, Integer> index, List<Integer> selected, String what,
                       Function<List<ReceivedMessage>, OperationResult> call) {
        for (int from = 0; from < selected.size(); from += MAX_ENTRIES) {
            List<Integer> chunk = selected.subList(from, Math.min(selected.size(), from + MAX_ENTRIES));
            List<ReceivedMessage> messages = new ArrayList<>(chunk.size());
            chunk.forEach(i -> messages.add(outcomes[i].message()));
            try {
                markFailures(outcomes, index, call.apply(messages), what);
            } catch (RuntimeException e) {
                markAll(outcomes, chunk, what, e);
            }
        }
    }

    private void markFailures(MessageOutcome[] outcomes, Map<String, Integer> index, OperationResult result, String what) {
        Instant now = processor.clock().instant();
        for (EntryFailure f : result.failed()) {
            Integer i = index.get(f.message().receiptHandle());
            if (i != null) {
                outcomes[i] = outcomes[i].unsettled(now, what + " failed (" + f.code() + ": " + f.reason() + ")");
            }
        }
    }

    private void markAll(MessageOutcome[] outcomes, List<Integer> chunk, String what, RuntimeException e) {
        Instant now = processor.clock().instant();
        String why = what + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        chunk.forEach(i -> outcomes[i] = outcomes[i].unsettled(now, why));
    }

    private void report(MessageOutcome[] outcomes) {
        for (MessageOutcome o : outcomes) {
            switch (o.kind()) {
                case DEAD_LETTERED:
                    LOG.warn("queue '{}': message {} moved to the dead-letter queue: {}", source.queue(), o.message().id(), o.reason());
                    processor.listener().deadLettered(o.message(), o.reason());
                    break;
                case RETAINED:
                    LOG.error("queue '{}': message {} failed for good, but the queue has no dead-letter queue: it stays on the queue"
                            + " and comes back in {} s ({}): {}", source.queue(), o.message().id(), wholeSeconds(o.delay()),
                            "declare a dead-letter queue to keep such messages aside", o.reason());
                    processor.listener().retained(o.message(), o.reason());
                    break;
                case UNSETTLED:
                    LOG.warn("queue '{}': message {} stays on the queue and comes back: {}", source.queue(), o.message().id(), o.reason());
                    processor.listener().unsettled(o);
                    break;
                default:
                    break;
            }
        }
    }

    private static List<Integer> select(MessageOutcome[] outcomes, Kind kind) {
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].kind() == kind) {
                selected.add(i);
            }
        }
        return selected;
    }
}
