package io.msgflow.spi;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.processing.Settlement;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageOutcome.Kind;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.MissingDeadLetterQueue;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.util.List;

/**
 * The settlement engine: runs a batch of deliveries from one queue through a
 * {@link MessageProcessor} (one outcome per delivery) and applies the outcomes to the queue, whose
 * per-entry results come back as outcomes too. Every runtime uses it: {@code MessageConsumer},
 * {@code SqsBatchHandler}, {@code DrainQueueHandler}.
 *
 * <p><b>Order of the calls:</b> dead letters first (copy with the reason, then delete), then
 * acknowledgements (only of what the sink committed), then visibility changes, grouped by equal
 * delay in whole seconds (as SQS counts) and at most ten per request: retries after their own
 * jittered delay, retained messages (the queue has no dead-letter queue) after their hold delay,
 * handed-back messages at once. <b>Failures:</b> a call that fails, or an entry it refuses, turns
 * that entry's outcome into {@link Kind#UNSETTLED}; its message stays on the queue and comes back.
 * A dead letter on a queue without a dead-letter queue becomes {@link Kind#RETAINED}, logged at
 * ERROR, never reported dead-lettered. <b>Threading:</b> immutable and thread-safe.
 */
public final class SettlementEngine {
    private final Settlement settlement;

    /** Who deletes acknowledged messages and who delays retried ones. */
    public enum Mode {
        /** The engine does both: a consumer, a drain. */
        SETTLE_ALL(Settlement.Mode.SETTLE_ALL),
        /**
         * The runtime deletes acknowledged messages and returns the rest itself (an SQS event source
         * mapping with partial batch responses); the engine still moves dead letters and sets the
         * visibility of retried, retained and handed-back messages.
         */
        RUNTIME_ACKNOWLEDGES(Settlement.Mode.RUNTIME_ACKNOWLEDGES),
        /** As {@link #RUNTIME_ACKNOWLEDGES}, and retried messages keep the queue's visibility timeout. */
        RUNTIME_ACKNOWLEDGES_AND_RETRIES(Settlement.Mode.RUNTIME_ACKNOWLEDGES_AND_RETRIES);

        private final Settlement.Mode internal;

        Mode(Settlement.Mode internal) {
            this.internal = internal;
        }
    }

    private SettlementEngine(Settlement settlement) {
        this.settlement = settlement;
    }

    /**
     * The engine of one queue.
     *
     * @throws InvalidConfigurationException when the processor asks for {@link MissingDeadLetterQueue#FAIL_AT_START}
     *         and the source's declaration has no dead-letter queue
     */
    public static SettlementEngine of(MessageProcessor processor, MessageSource source, Mode mode) {
        return new SettlementEngine(Settlement.of(processor, source, mode.internal));
    }

    public MessageSource source() {
        return settlement.source();
    }

    /** Processes a batch and settles it. */
    public BatchResult run(List<ReceivedMessage> batch) {
        return settlement.run(batch);
    }

    /** Hands deliveries back unprocessed (visibility 0), e.g. received while stopping. */
    public BatchResult handBack(List<ReceivedMessage> batch, String reason) {
        return settlement.handBack(batch, reason);
    }

    /** Applies decided outcomes to the queue; returns what happened, one outcome per delivery, in order. */
    public BatchResult settle(BatchResult decided) {
        return settlement.settle(decided);
    }
}
