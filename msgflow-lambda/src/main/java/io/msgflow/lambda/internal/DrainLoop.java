package io.msgflow.lambda.internal;

import com.amazonaws.services.lambda.runtime.Context;
import io.msgflow.MsgflowException;
import io.msgflow.lambda.DrainResult;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.spi.SettlementEngine;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one queue within one invocation: receive up to 10 (a long poll cut short so that it ends
 * before the safety margin), process and settle, repeat; stop when a full-length receive returns
 * nothing or the remaining time falls below the margin. The margin is the larger of the configured
 * minimum and twice the last batch's time, so one more batch always fits. A batch received when
 * the margin is already reached is handed back (visibility 0) unprocessed.
 */
public final class DrainLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DrainLoop.class);
    private static final int BATCH = 10;

    private final QueueAccess queue;
    private final SettlementEngine engine;
    private final Duration wait;
    private final Duration minMargin;
    private final Clock clock;

    public DrainLoop(QueueAccess queue, MessageProcessor processor, Duration wait, Duration minMargin, Clock clock) {
        this.queue = queue;
        this.engine = SettlementEngine.of(processor, queue.source(), SettlementEngine.Mode.SETTLE_ALL);
        this.wait = wait;
        this.minMargin = minMargin;
        this.clock = clock;
    }

    public DrainResult run(Context context) {
        MessageSource source = queue.source();
        Duration margin = minMargin;
        Map<MessageOutcome.Kind, Integer> counts = new EnumMap<>(MessageOutcome.Kind.class);
        int handedBack = 0;
        DrainResult.StopReason stop;
        while (true) {
            long budget = context.getRemainingTimeInMillis() - margin.toMillis();
            if (budget <= 0) {
                stop = DrainResult.StopReason.DEADLINE;
                break;
            }
            Duration thisWait = wait.compareTo(Duration.ofSeconds(budget / 1000)) <= 0 ? wait : Duration.ofSeconds(budget / 1000);
            List<ReceivedMessage> batch = source.receive(BATCH, thisWait);
            if (batch.isEmpty()) {
                stop = thisWait.equals(wait) ? DrainResult.StopReason.QUEUE_EMPTY : DrainResult.StopReason.DEADLINE;
                break;
            }
            if (context.getRemainingTimeInMillis() < margin.toMillis()) {
                handedBack += batch.size();
                engine.handBack(batch, "the drain's deadline is near; not processed");
                stop = DrainResult.StopReason.DEADLINE;
                break;
            }
            long started = clock.millis();
            BatchResult result = engine.run(batch);
            margin = max(minMargin, Duration.ofMillis(2 * (clock.millis() - started)));
            result.counts().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
        }
        int remaining = remaining(handedBack);
        DrainResult result = new DrainResult(count(counts, MessageOutcome.Kind.ACKNOWLEDGED),
                count(counts, MessageOutcome.Kind.RETRY) + count(counts, MessageOutcome.Kind.UNSETTLED)
                        + count(counts, MessageOutcome.Kind.HANDED_BACK),
                count(counts, MessageOutcome.Kind.DEAD_LETTERED), count(counts, MessageOutcome.Kind.RETAINED), remaining, handedBack, stop);
        LOG.info("queue '{}': drain stopped ({}): {}", source.queue(), stop, result.toJson());
        return result;
    }

    private static int count(Map<MessageOutcome.Kind, Integer> counts, MessageOutcome.Kind kind) {
        return counts.getOrDefault(kind, 0);
    }

    private int remaining(int handedBack) {
        try {
            OptionalInt depth = queue.depth().get();
            return depth.orElse(handedBack);
        } catch (MsgflowException e) {
            LOG.warn("queue '{}': cannot read the queue's depth, reporting the {} handed back as remaining: {}",
                    queue.source().queue(), handedBack, e.getMessage());
            return handedBack;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
