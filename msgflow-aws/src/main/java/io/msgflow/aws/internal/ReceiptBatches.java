package io.msgflow.aws.internal;

import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.Batches;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an operation on deliveries (delete, change visibility) in batches of at most 10, retrying
 * throttled entries. A failure of the whole first call is thrown (nothing was done); a whole-call
 * failure later turns into entry failures of that batch and of the batches not yet sent.
 */
final class ReceiptBatches {
    private final BatchRetrier retrier;
    private final String resource;

    ReceiptBatches(BatchRetrier retrier, String resource) {
        this.retrier = retrier;
        this.resource = resource;
    }

    OperationResult run(Collection<ReceivedMessage> messages,
                        Function<Map<String, ReceivedMessage>, BatchRetrier.Attempt<Boolean>> call) {
        List<List<ReceivedMessage>> chunks = Batches.chunk(messages, m -> 0);
        List<OperationResult> results = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                results.add(runOne(chunks.get(i), call));
            } catch (ResourceNotFoundException e) {
                throw e;
            } catch (MsgflowException e) {
                if (i == 0) {
                    throw e;
                }
                results.add(failedAll(chunks.subList(i, chunks.size()), e));
                break;
            }
        }
        return OperationResult.concat(results);
    }

    private OperationResult runOne(List<ReceivedMessage> chunk,
                                   Function<Map<String, ReceivedMessage>, BatchRetrier.Attempt<Boolean>> call) {
        Map<String, ReceivedMessage> entries = BatchRetrier.byIndex(chunk);
        BatchRetrier.Outcome<Boolean> outcome = retrier.run(resource, entries, call);
        List<ReceivedMessage> ok = new ArrayList<>();
        List<EntryFailure> failed = new ArrayList<>();
        entries.forEach((id, message) -> {
            BatchRetrier.EntryError error = outcome.failed().get(id);
            if (error == null) {
                ok.add(message);
            } else {
                failed.add(new EntryFailure(message, error.code(), error.message()));
            }
        });
        return new OperationResult(ok, failed);
    }

    private static OperationResult failedAll(List<List<ReceivedMessage>> chunks, MsgflowException cause) {
        List<EntryFailure> failed = new ArrayList<>();
        chunks.forEach(chunk -> chunk.forEach(m -> failed.add(new EntryFailure(m, "TransportFailure",
                "not done: a batch call failed as a whole: " + cause.getMessage()))));
        return new OperationResult(List.of(), failed);
    }

    /** Entry errors of an SQS batch answer, by entry id. */
    static Map<String, BatchRetrier.EntryError> errors(List<software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry> failed) {
        Map<String, BatchRetrier.EntryError> errors = new java.util.LinkedHashMap<>();
        failed.forEach(f -> errors.put(f.id(), new BatchRetrier.EntryError(f.code(), f.message(), Boolean.TRUE.equals(f.senderFault()))));
        return errors;
    }

    /** Successful entry ids of an SQS batch answer. */
    static Map<String, Boolean> successes(List<String> ids) {
        Map<String, Boolean> ok = new java.util.LinkedHashMap<>();
        ids.forEach(id -> ok.put(id, Boolean.TRUE));
        return ok;
    }
}
