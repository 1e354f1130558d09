package io.msgflow.internal.processing;

import io.msgflow.Message;
import io.msgflow.codec.CodecException;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageContext;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.PermanentFailureException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a processor over one batch: every step that can fail (reading the delivery, decoding,
 * the handler, encoding its output, the sink's verdict) is caught per delivery and becomes that
 * delivery's outcome. Not thread-safe, used once.
 *
 * <p>A {@link VirtualMachineError} (out of memory, stack overflow) thrown by a handler is that
 * message's transient failure like any other {@link Throwable}: it is logged at ERROR with its
 * stack trace and the message retried, and the batch and the poller go on. msgflow never stops
 * processing silently; a JVM that must not continue after such an error is configured so
 * ({@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class BatchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

    private final ProcessorCore core;
    private final QueueLimits limits;
    private final Set<String> failedGroups = new HashSet<>();
    private MessageOutcome[] outcomes;
    private Throwable[] causes;

    public BatchRun(ProcessorCore core, QueueLimits limits) {
        this.core = core;
        this.limits = limits;
    }

    public BatchResult run(List<ReceivedMessage> batch) {
        outcomes = new MessageOutcome[batch.size()];
        causes = new Throwable[batch.size()];
        Instant[] started = new Instant[batch.size()];
        List<Integer> pending = new ArrayList<>(batch.size());
        List<SinkRecord> records = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ReceivedMessage delivery = batch.get(i);
            core.listener().received(delivery);
            started[i] = core.clock().instant();
            SinkRecord record = handle(i, delivery);
            if (record != null) {
                pending.add(i);
                records.add(record);
            }
        }
        writeSink(batch, pending, records);
        releaseGroupsAfterFailures(batch);
        report(batch, started);
        return new BatchResult(Arrays.asList(outcomes));
    }

    /** Runs one delivery's handler; returns its sink record, or null (outcome then set). */
    private SinkRecord handle(int index, ReceivedMessage delivery) {
        String group = delivery.groupId().orElse(null);
        if (group != null && failedGroups.contains(group)) {
            outcomes[index] = released(delivery, group);
            return null;
        }
        if (delivery.problem().isPresent()) {
            return permanent(index, delivery, delivery.problem().get());
        }
        Message message;
        try {
            message = delivery.toMessage(core.wireFormat().userAttributes(delivery.attributes()));
        } catch (RuntimeException e) {
            return permanent(index, delivery, "the delivery is not a valid message: " + Reasons.of(e));
        }
        MessageHandler<Object> handler = core.handlers().apply(message.type());
        if (handler == null) {
            return permanent(index, delivery, "unknown message type '" + message.type()
                    + "': no handler and no fallback; known types: " + core.codec().typeNames());
        }
        Object payload;
        try {
            payload = core.codec().javaType(message.type()).isPresent() ? core.codec().decode(message) : message;
        } catch (RuntimeException e) {
            return permanent(index, delivery, e instanceof CodecException ? Reasons.text(e.getMessage(), e) : Reasons.of(e));
        }
        return invoke(index, delivery, message, handler, payload);
    }

    private SinkRecord invoke(int index, ReceivedMessage delivery, Message message, MessageHandler<Object> handler, Object payload) {
        Object output;
        try {
            output = handler.handle(payload, new MessageContext(delivery));
        } catch (PermanentFailureException e) {
            return permanent(index, delivery, Reasons.text(e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transientFailure(index, delivery, e);
        } catch (Throwable e) { // any Throwable is this message's failure; see the class contract
            if (e instanceof Error) {
                LOG.error("queue '{}': the handler of message {} threw {}; the message is retried and processing goes on",
                        delivery.queue(), delivery.id(), e.getClass().getName(), e);
            }
            return transientFailure(index, delivery, e);
        }
        if (output == null || core.sink() == null) {
            outcomes[index] = MessageOutcome.acknowledged(delivery, core.clock().instant());
            return null;
        }
        try {
            return toRecord(delivery, message, payload, output);
        } catch (RuntimeException e) {
            return permanent(index, delivery, "the handler's output cannot be written: " + Reasons.text(e.getMessage(), e));
        }
    }

    private SinkRecord toRecord(ReceivedMessage delivery, Message message, Object payload, Object output) {
        if (output instanceof SinkRecord) {
            return (SinkRecord) output;
        }
        String body = output == payload || output == message ? message.body() : core.codec().encodeBody(message.type(), output);
        return new SinkRecord(message.id(), message.type(), body, message.attributes(), message.timestamp().orElse(null),
                delivery.snsMessageId(), Optional.ofNullable(delivery.transportMessageId()));
    }

    private SinkRecord permanent(int index, ReceivedMessage delivery, String reason) {
        outcomes[index] = limits.deadLetter(delivery, core.clock().instant(), reason, core.retryPolicy());
        delivery.groupId().ifPresent(failedGroups::add);
        return null;
    }

    private SinkRecord transientFailure(int index, ReceivedMessage delivery, Throwable cause) {
        String reason = Reasons.of(cause);
        int attempts = limits.maxAttempts(core.retryPolicy());
        if (delivery.receiveCount() >= attempts) {
            return permanent(index, delivery, "failed on all " + attempts + " attempts" + limits.attemptsNote(core.retryPolicy())
                    + "; last failure: " + reason);
        }
        Duration delay = core.retryPolicy().delayAfter(delivery.receiveCount());
        outcomes[index] = MessageOutcome.retry(delivery, core.clock().instant(), delay, reason);
        causes[index] = cause;
        delivery.groupId().ifPresent(failedGroups::add);
        return null;
    }

    private void writeSink(List<ReceivedMessage> batch, List<Integer> pending, List<SinkRecord> records) {
        if (pending.isEmpty()) {
            return;
        }
        WriteResult result;
        try {
            result = core.sink().write(records);
        } catch (Throwable e) { // a sink failure fails the deliveries it carried, never the batch
            for (int index : pending) {
                transientFailure(index, batch.get(index), e);
            }
            return;
        }
        Instant now = core.clock().instant();
        for (int j = 0; j < pending.size(); j++) {
            int index = pending.get(j);
            String refused = result.rejected().get(records.get(j).messageId());
            if (refused != null) {
                permanent(index, batch.get(index), "sink refused the record: " + Reasons.text(refused, null));
            } else {
                outcomes[index] = MessageOutcome.acknowledged(batch.get(index), now);
            }
        }
    }

    /** FIFO: a success after a failure of its group (e.g. a later sink failure) must wait for the failed one. */
    private void releaseGroupsAfterFailures(List<ReceivedMessage> batch) {
        Set<String> failed = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String group = batch.get(i).groupId().orElse(null);
            if (group == null) {
                continue;
            }
            if (outcomes[i].kind() != MessageOutcome.Kind.ACKNOWLEDGED) {
                failed.add(group);
            } else if (failed.contains(group)) {
                outcomes[i] = released(batch.get(i), group);
            }
        }
    }

    private MessageOutcome released(ReceivedMessage delivery, String group) {
        return MessageOutcome.handedBack(delivery, core.clock().instant(),
                "released: an earlier message of group '" + group + "' failed");
    }

    private void report(List<ReceivedMessage> batch, Instant[] started) {
        Instant now = core.clock().instant();
        for (int i = 0; i < batch.size(); i++) {
            MessageOutcome o = outcomes[i];
            if (o.kind() == MessageOutcome.Kind.ACKNOWLEDGED) {
                core.listener().processed(batch.get(i), Duration.between(started[i], now));
            } else if (o.kind() == MessageOutcome.Kind.RETRY) {
                core.listener().failed(batch.get(i), causes[i], o.delay());
            }
        }
    }
}
