package io.msgflow.lambda.internal;

import io.msgflow.lambda.FifoFailureMode;
import io.msgflow.lambda.RetryVisibility;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.spi.SettlementEngine;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.util.List;

/**
 * The SQS event source's adapter over the settlement engine: acknowledged messages are left to
 * Lambda, which deletes every message not reported; dead letters are moved now (copy with the
 * reason, then delete); retried messages get their backoff visibility when so configured. The
 * messages to report in {@code batchItemFailures} are exactly those whose outcome
 * {@link MessageOutcome#staysOnQueue()}: retried, retained, handed back, and any whose settlement
 * failed (a dead letter that could not be moved stays on the queue): nothing is lost.
 */
public final class LambdaSettlement {
    private final MessageProcessor processor;
    private final SettlementEngine engine;
    private final FifoFailureMode fifoFailureMode;

    public LambdaSettlement(MessageProcessor processor, MessageSource source, RetryVisibility retryVisibility,
                            FifoFailureMode fifoFailureMode) {
        this.processor = processor;
        this.engine = SettlementEngine.of(processor, source, retryVisibility == RetryVisibility.BACKOFF
                ? SettlementEngine.Mode.RUNTIME_ACKNOWLEDGES : SettlementEngine.Mode.RUNTIME_ACKNOWLEDGES_AND_RETRIES);
        this.fifoFailureMode = fifoFailureMode;
    }

    /** Processes and settles one queue's records; the SQS ids to report are {@link BatchResult#stayingOnQueueTransportIds()}. */
    public BatchResult run(List<ReceivedMessage> batch) {
        return engine.settle(FifoBatches.process(batch, processor, fifoFailureMode, engine.source().declaration()));
    }
}
