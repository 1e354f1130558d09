package io.msgflow.lambda.internal;

import io.msgflow.lambda.FifoFailureMode;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Processes one queue's records of an SQS event. Standard batches, and FIFO batches in
 * {@link FifoFailureMode#RELEASE_FAILED_GROUP}, go to the processor whole (it releases the rest of
 * a failed group itself). In {@link FifoFailureMode#STOP_AT_FIRST_FAILURE} a FIFO batch is
 * processed run by run (a run is a stretch of messages of one group, one sink transaction each)
 * and nothing after the run with the first failure is processed: those messages are released.
 */
public final class FifoBatches {
    private FifoBatches() {
    }

    public static BatchResult process(List<ReceivedMessage> batch, MessageProcessor processor, FifoFailureMode mode,
                                      Optional<QueueSpec> queue) {
        boolean fifo = batch.stream().anyMatch(m -> m.groupId().isPresent());
        if (!fifo || mode == FifoFailureMode.RELEASE_FAILED_GROUP) {
            return processor.process(batch, queue);
        }
        List<MessageOutcome> outcomes = new ArrayList<>(batch.size());
        List<List<ReceivedMessage>> runs = runs(batch);
        for (int i = 0; i < runs.size(); i++) {
            BatchResult result = processor.process(runs.get(i), queue);
            outcomes.addAll(result.outcomes());
            if (result.count(MessageOutcome.Kind.ACKNOWLEDGED) < runs.get(i).size()) {
                release(runs.subList(i + 1, runs.size()), firstFailure(result), outcomes, processor.clock().instant());
                break;
            }
        }
        return new BatchResult(outcomes);
    }

    /** Maximal stretches of consecutive messages of one group, in order. */
    static List<List<ReceivedMessage>> runs(List<ReceivedMessage> batch) {
        List<List<ReceivedMessage>> runs = new ArrayList<>();
        List<ReceivedMessage> current = new ArrayList<>();
        for (ReceivedMessage m : batch) {
            if (!current.isEmpty() && !Objects.equals(current.get(0).groupId(), m.groupId())) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(m);
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static ReceivedMessage firstFailure(BatchResult result) {
        for (MessageOutcome o : result.outcomes()) {
            if (o.kind() != MessageOutcome.Kind.ACKNOWLEDGED) {
                return o.message();
            }
        }
        throw new IllegalStateException("a run with fewer acknowledgements than messages has no failure");
    }

    private static void release(List<List<ReceivedMessage>> rest, ReceivedMessage failed, List<MessageOutcome> outcomes, Instant now) {
        String reason = "not processed: message " + failed.id() + " of group '" + failed.groupId().orElse("") + "' failed"
                + " earlier in this FIFO batch (processing stops at the first failure)";
        rest.forEach(run -> run.forEach(m -> outcomes.add(MessageOutcome.handedBack(m, now, reason))));
    }
}
