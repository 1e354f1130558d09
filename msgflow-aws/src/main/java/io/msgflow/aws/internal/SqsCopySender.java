package io.msgflow.aws.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.Batches;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends copies of received messages to another queue with {@code SendMessageBatch}, retrying
 * throttled entries; each copy's outcome is reported against the delivery it copies. A copy to a
 * FIFO queue keeps the group and is deduplicated by the original's SQS MessageId.
 */
final class SqsCopySender {
    /** One copy: the delivery it comes from and what to send. */
    record Copy(ReceivedMessage message, String body, Map<String, MessageAttribute> attributes, int size) {
    }

    private final SqsClient sqs;
    private final QueueSpec target;
    private final Resources resources;
    private final BatchRetrier retrier;

    SqsCopySender(SqsClient sqs, QueueSpec target, Resources resources, BatchRetrier retrier) {
        this.sqs = sqs;
        this.target = target;
        this.resources = resources;
        this.retrier = retrier;
    }

    OperationResult send(List<Copy> copies) {
        List<OperationResult> results = new ArrayList<>();
        for (List<Copy> chunk : Batches.chunk(copies, Copy::size)) {
            results.add(sendChunk(chunk));
        }
        return OperationResult.concat(results);
    }

    private OperationResult sendChunk(List<Copy> chunk) {
        Map<String, Copy> entries = BatchRetrier.byIndex(chunk);
        BatchRetrier.Outcome<Boolean> outcome;
        try {
            outcome = retrier.run("queue '" + target.name() + "'", entries, this::sendBatch);
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (MsgflowException e) {
            return new OperationResult(List.of(), chunk.stream()
                    .map(c -> new EntryFailure(c.message(), "TransportFailure", e.getMessage())).toList());
        }
        List<ReceivedMessage> sent = new ArrayList<>();
        List<EntryFailure> failed = new ArrayList<>();
        entries.forEach((id, copy) -> {
            BatchRetrier.EntryError error = outcome.failed().get(id);
            if (error == null) {
                sent.add(copy.message());
            } else {
                failed.add(new EntryFailure(copy.message(), error.code(), "not sent to queue '" + target.name() + "': " + error.message()));
            }
        });
        return new OperationResult(sent, failed);
    }

    private BatchRetrier.Attempt<Boolean> sendBatch(Map<String, Copy> entries) {
        SendMessageBatchResponse response;
        try {
            String url = resources.queueUrl(target.name());
            response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries.entrySet().stream()
                    .map(e -> entry(e.getKey(), e.getValue())).toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, target.name(), "SendMessageBatch");
        }
        return new BatchRetrier.Attempt<>(
                ReceiptBatches.successes(response.successful().stream().map(SendMessageBatchResultEntry::id).toList()),
                ReceiptBatches.errors(response.failed()));
    }

    private SendMessageBatchRequestEntry entry(String id, Copy copy) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(id)
                .messageBody(copy.body())
                .messageAttributes(WireAttributes.toSqs(copy.attributes()));
        if (target.isFifo()) {
            entry.messageGroupId(copy.message().groupId().orElse("msgflow-redrive"))
                    .messageDeduplicationId(copy.message().transportMessageId());
        }
        return entry.build();
    }
}
