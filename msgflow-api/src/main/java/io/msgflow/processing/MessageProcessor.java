package io.msgflow.processing;

import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.internal.Check;
import io.msgflow.internal.processing.BatchRun;
import io.msgflow.internal.processing.ProcessorCore;
import io.msgflow.internal.processing.QueueLimits;
import io.msgflow.internal.processing.SafeListener;
import io.msgflow.internal.processing.Settlement;
import io.msgflow.sink.Sink;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a batch of deliveries into one {@link MessageOutcome} per delivery: decode with the codec,
 * run the handler registered for the type, write the handlers' output to the sink in one
 * transaction, and decide for each delivery to acknowledge, retry, dead-letter (or retain) it.
 *
 * <p><b>Effect:</b> exactly-once into the sink: the sink is written once per batch and is
 * idempotent on message id, and a delivery is acknowledged only after the sink's commit, so a
 * crash anywhere yields a redelivery that the sink absorbs. <b>Isolation:</b> every step that can
 * fail is caught per delivery and becomes that delivery's outcome — reading the delivery (an
 * attribute SNS would refuse), decoding, the handler (any {@link Throwable}, {@link Error}s
 * included: a {@link VirtualMachineError} is logged at ERROR and the message retried; processing
 * never stops silently), encoding its output with the codec's own mapper, the sink's verdict —
 * except that a failed sink write fails every delivery whose output it carried. <b>Permanent
 * failures</b> (undecodable bodies, unknown types, deliveries with a {@link ReceivedMessage#problem()},
 * output that cannot be encoded, {@link PermanentFailureException}) are dead-lettered at once with
 * a reason that is never blank (a null or blank one names the exception type). On a queue without
 * a dead-letter queue they are {@link MessageOutcome.Kind#RETAINED}, never claimed dead-lettered.
 * <b>Transient failures</b> are retried after the {@link RetryPolicy}'s delay, drawn per message
 * (jitter per message, so a failed batch does not come back all at once), and dead-lettered with
 * their last reason on the last attempt — the policy's {@code maxAttempts} or, when lower, the
 * queue's {@code maxReceiveCount}, so the processor, not the redrive, moves it and the copy keeps
 * its reason. <b>FIFO:</b> within one message group, processing stops at the first failure and
 * the rest of that group in the batch is handed back without running. <b>Threading:</b> immutable
 * and thread-safe; a batch is processed on the calling thread, its deliveries in order.
 */
public final class MessageProcessor {
    private final MessageCodec codec;
    private final Map<String, MessageHandler<Object>> handlers;
    private final MessageHandler<Object> fallback;
    private final Sink sink;
    private final RetryPolicy retryPolicy;
    private final ProcessingListener listener;
    private final WireFormat wireFormat;
    private final Clock clock;
    private final MissingDeadLetterQueue missingDeadLetterQueue;
    private final ProcessorCore core;

    private MessageProcessor(Builder b) {
        this.codec = b.codec;
        this.handlers = Map.copyOf(b.handlers);
        this.fallback = b.fallback;
        this.sink = b.sink;
        this.retryPolicy = b.retryPolicy;
        this.listener = SafeListener.of(b.listener);
        this.wireFormat = b.wireFormat;
        this.clock = b.clock;
        this.missingDeadLetterQueue = b.missingDeadLetterQueue;
        this.core = new ProcessorCore(this::resolve, codec, sink, retryPolicy, listener, wireFormat, clock);
    }

    public static Builder builder(MessageCodec codec) {
        return new Builder(codec);
    }

    /**
     * Processes a batch of deliveries of a queue whose declaration is not known (it is assumed to
     * have a dead-letter queue and no receive limit): runs handlers and writes the sink; touches no
     * queue. The caller settles the result, or calls {@link #processAndSettle}.
     */
    public BatchResult process(List<ReceivedMessage> batch) {
        return process(batch, Optional.empty());
    }

    /**
     * Processes a batch of deliveries of {@code queue}: as {@link #process(List)}, with the queue's
     * redrive policy bounding the attempts and deciding between dead-lettered and retained.
     */
    public BatchResult process(List<ReceivedMessage> batch, Optional<QueueSpec> queue) {
        return new BatchRun(core, QueueLimits.of(queue)).run(batch);
    }

    /**
     * Processes a batch and settles it on {@code source} (see {@code io.msgflow.spi.SettlementEngine}):
     * acknowledges what succeeded, delays what is retried, moves what failed for good to the
     * dead-letter queue. A settlement call that fails leaves its deliveries on the queue, where they
     * come back, and their outcome says so ({@link MessageOutcome.Kind#UNSETTLED}): nothing is lost.
     */
    public BatchResult processAndSettle(List<ReceivedMessage> batch, MessageSource source) {
        return Settlement.of(this, source, Settlement.Mode.SETTLE_ALL).run(batch);
    }

    /** The listener, guarded: its exceptions are logged and ignored. */
    public ProcessingListener listener() {
        return listener;
    }

    /** The clock outcomes are stamped and latencies measured on. */
    public Clock clock() {
        return clock;
    }

    public MissingDeadLetterQueue missingDeadLetterQueue() {
        return missingDeadLetterQueue;
    }

    public MessageCodec codec() {
        return codec;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    private MessageHandler<Object> resolve(String type) {
        MessageHandler<Object> handler = handlers.get(type);
        return handler != null ? handler : fallback;
    }

    /** Builds a {@link MessageProcessor}. */
    public static final class Builder {
        private final MessageCodec codec;
        private final Map<String, MessageHandler<Object>> handlers = new LinkedHashMap<>();
        private MessageHandler<Object> fallback;
        private Sink sink;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ProcessingListener listener = ProcessingListener.NONE;
        private WireFormat wireFormat = WireFormat.defaults();
        private Clock clock = Clock.systemUTC();
        private MissingDeadLetterQueue missingDeadLetterQueue = MissingDeadLetterQueue.RETAIN;

        private Builder(MessageCodec codec) {
            this.codec = Check.notNull("codec", codec);
        }

        /** Registers the handler of one payload type; the type must be registered with the codec. */
        public <T> Builder on(Class<T> payloadType, MessageHandler<? super T> handler) {
            return on(codec.typeName(payloadType), payloadType, handler);
        }

        /**
         * Registers the handler of one message type, for a Java type the codec serves under
         * several names (plain text of two types: {@code on("notification", String.class, h)}).
         */
        @SuppressWarnings("unchecked")
        public <T> Builder on(String type, Class<T> payloadType, MessageHandler<? super T> handler) {
            Objects.requireNonNull(handler, "handler");
            if (!codec.javaType(type).equals(java.util.Optional.of(payloadType))) {
                throw new io.msgflow.InvalidConfigurationException("handler", "message type '" + type + "' must be registered with the codec for "
                        + payloadType.getName() + ", but is " + codec.javaType(type).map(Class::getName).orElse("not registered"));
            }
            if (handlers.putIfAbsent(type, (MessageHandler<Object>) handler) != null) {
                throw new io.msgflow.InvalidConfigurationException("handler", "message type '" + type + "' has two handlers");
            }
            return this;
        }

        /**
         * Handles every type that has no handler of its own; it receives the decoded payload when
         * the codec knows the type, else the {@link io.msgflow.Message}. Without a fallback such
         * messages are dead-lettered as unknown.
         */
        public Builder fallback(MessageHandler<Object> handler) {
            this.fallback = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Where handlers' output goes, written once per batch. */
        public Builder sink(Sink value) {
            this.sink = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Check.notNull("retryPolicy", value);
            return this;
        }

        public Builder listener(ProcessingListener value) {
            this.listener = Check.notNull("listener", value);
            return this;
        }

        /** Must match the publishers' wire format; default {@link WireFormat#defaults()}. */
        public Builder wireFormat(WireFormat value) {
            this.wireFormat = Check.notNull("wireFormat", value);
            return this;
        }

        /** What to do when the queue has no dead-letter queue; default {@link MissingDeadLetterQueue#RETAIN}. */
        public Builder onMissingDeadLetterQueue(MissingDeadLetterQueue value) {
            this.missingDeadLetterQueue = Check.notNull("missingDeadLetterQueue", value);
            return this;
        }

        /** The clock outcomes are stamped and latencies measured on. */
        public Builder clock(Clock value) {
            this.clock = Check.notNull("clock", value);
            return this;
        }

        public MessageProcessor build() {
            if (handlers.isEmpty() && fallback == null) {
                throw new io.msgflow.InvalidConfigurationException("handler", "a processor needs at least one handler or a fallback");
            }
            return new MessageProcessor(this);
        }
    }
}
