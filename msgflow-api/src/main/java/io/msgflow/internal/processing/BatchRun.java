package io.msgflow.internal.processing;

import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.codec.CodecException;
import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageContext;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.PermanentFailureException;
import io.msgflow.processing.ProcessingListener;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** One run of a processor over one batch; not thread-safe, used once. */
public final class BatchRun {
    private final Function<String, MessageHandler<Object>> handlers;
    private final MessageCodec codec;
    private final Sink sink;
    private final RetryPolicy retryPolicy;
    private final ProcessingListener listener;
    private final WireFormat wireFormat;
    private final Clock clock;

    private final Map<Integer, Duration> delayByReceiveCount = new HashMap<>();
    private final Set<String> failedGroups = new HashSet<>();
    private Outcome[] outcomes;

    public BatchRun(Function<String, MessageHandler<Object>> handlers, MessageCodec codec, Sink sink, RetryPolicy retryPolicy,
            ProcessingListener listener, WireFormat wireFormat, Clock clock) {
        this.handlers = handlers;
        this.codec = codec;
        this.sink = sink;
        this.retryPolicy = retryPolicy;
        this.listener = listener;
        this.wireFormat = wireFormat;
        this.clock = clock;
    }

    public BatchResult run(List<ReceivedMessage> batch) {
        outcomes = new Outcome[batch.size()];
        Instant[] started = new Instant[batch.size()];
        List<Integer> pending = new ArrayList<>();
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ReceivedMessage delivery = batch.get(i);
            listener.received(delivery);
            started[i] = clock.instant();
            SinkRecord record = handle(i, delivery);
            if (record != null) {
                pending.add(i);
                records.add(record);
            }
        }
        writeSink(batch, pending, records);
        releaseGroupsAfterFailures(batch);
        return collect(batch, started);
    }

    /** Runs one delivery's handler; returns its sink record, or null (outcome then set). */
    private SinkRecord handle(int index, ReceivedMessage delivery) {
        String group = delivery.groupId().orElse(null);
        if (group != null && failedGroups.contains(group)) {
            outcomes[index] = Outcome.retry(Duration.ZERO, "released: an earlier message of group '" + group + "' failed");
            return null;
        }
        if (delivery.problem().isPresent()) {
            return fail(index, delivery, Outcome.dead(delivery.problem().get()));
        }
        Message message = delivery.toMessage(wireFormat.userAttributes(delivery.attributes()));
        MessageHandler<Object> handler = handlers.apply(message.type());
        if (handler == null) {
            return fail(index, delivery, Outcome.dead("unknown message type '" + message.type()
                    + "': no handler and no fallback; known types: " + codec.typeNames()));
        }
        Object payload;
        try {
            payload = codec.javaType(message.type()).isPresent() ? codec.decode(message) : message;
        } catch (CodecException e) {
            return fail(index, delivery, Outcome.dead(e.getMessage()));
        }
        return invoke(index, delivery, message, handler, payload);
    }

    private SinkRecord invoke(int index, ReceivedMessage delivery, Message message, MessageHandler<Object> handler, Object payload) {
        Object output;
        try {
            output = handler.handle(payload, new MessageContext(delivery));
        } catch (PermanentFailureException e) {
            return fail(index, delivery, Outcome.dead(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(index, delivery, transientFailure(delivery, e));
        } catch (Exception e) {
            return fail(index, delivery, transientFailure(delivery, e));
        }
        if (output == null || sink == null) {
            outcomes[index] = Outcome.ACK;
            return null;
        }
        return toRecord(delivery, message, payload, output);
    }

    private SinkRecord toRecord(ReceivedMessage delivery, Message message, Object payload, Object output) {
        if (output instanceof SinkRecord) {
            return (SinkRecord) output;
        }
        String body = output == payload || output == message ? message.body() : codec.encodeBody(message.type(), output);
        return new SinkRecord(message.id(), message.type(), body, message.attributes(), message.timestamp().orElse(null),
                delivery.snsMessageId(), Optional.ofNullable(delivery.transportMessageId()));
    }

    private SinkRecord fail(int index, ReceivedMessage delivery, Outcome outcome) {
        outcomes[index] = outcome;
        delivery.groupId().ifPresent(failedGroups::add);
        if (outcome.kind == Kind.RETRY) {
            listener.failed(delivery, outcome.cause, outcome.delay);
        }
        return null;
    }

    private Outcome transientFailure(ReceivedMessage delivery, Throwable cause) {
        String reason = describe(cause);
        if (retryPolicy.exhausted(delivery.receiveCount())) {
            return Outcome.dead("failed on all " + retryPolicy.maxAttempts() + " attempts; last failure: " + reason);
        }
        Duration delay = delayByReceiveCount.computeIfAbsent(delivery.receiveCount(), retryPolicy::delayAfter);
        Outcome retry = Outcome.retry(delay, reason);
        retry.cause = cause;
        return retry;
    }

    private void writeSink(List<ReceivedMessage> batch, List<Integer> pending, List<SinkRecord> records) {
        if (pending.isEmpty()) {
            return;
        }
        WriteResult result;
        try {
            result = sink.write(records);
        } catch (RuntimeException e) {
            for (int index : pending) {
                fail(index, batch.get(index), transientFailure(batch.get(index), e));
            }
            return;
        }
        for (int j = 0; j < pending.size(); j++) {
            int index = pending.get(j);
            String refused = result.rejected().get(records.get(j).messageId());
            if (refused != null) {
                fail(index, batch.get(index), Outcome.dead("sink refused the record: " + refused));
            } else {
                outcomes[index] = Outcome.ACK;
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
            if (outcomes[i].kind != Kind.ACK) {
                failed.add(group);
            } else if (failed.contains(group)) {
                outcomes[i] = Outcome.retry(Duration.ZERO, "released: an earlier message of group '" + group + "' failed");
            }
        }
    }

    private BatchResult collect(List<ReceivedMessage> batch, Instant[] started) {
        List<ReceivedMessage> acked = new ArrayList<>();
        List<BatchResult.Retry> retried = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < batch.size(); i++) {
            ReceivedMessage delivery = batch.get(i);
            Outcome o = outcomes[i];
            switch (o.kind) {
                case ACK:
                    acked.add(delivery);
                    listener.processed(delivery, Duration.between(started[i], now));
                    break;
                case RETRY:
                    retried.add(new BatchResult.Retry(delivery, o.delay, o.reason));
                    break;
                default:
                    dead.add(new DeadLetter(delivery, o.reason));
                    listener.deadLettered(delivery, o.reason);
            }
        }
        return new BatchResult(acked, retried, dead);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private enum Kind { ACK, RETRY, DEAD }

    private static final class Outcome {
        static final Outcome ACK = new Outcome(Kind.ACK, null, null);

        final Kind kind;
        final Duration delay;
        final String reason;
        Throwable cause;

        private Outcome(Kind kind, Duration delay, String reason) {
            this.kind = kind;
            this.delay = delay;
            this.reason = reason;
        }

        static Outcome retry(Duration delay, String reason) {
            return new Outcome(Kind.RETRY, delay, reason);
        }

        static Outcome dead(String reason) {
            return new Outcome(Kind.DEAD, null, reason);
        }
    }
}
