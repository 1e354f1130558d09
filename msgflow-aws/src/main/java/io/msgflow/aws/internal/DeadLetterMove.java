package io.msgflow.aws.internal;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageValidationException;
import io.msgflow.WireFormat;
import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.Batches;
import io.msgflow.internal.MessageRules;
import io.msgflow.spi.DeadLetterCopy;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Copies deliveries to a dead-letter queue with {@code SendMessageBatch}, in the one shape of
 * {@link DeadLetterCopy} (unwrapped body and attributes, the id kept, reason and metadata). A copy the queue would refuse
 * (an eleventh attribute, over 256 KiB) is reported as failed and not sent, so the caller keeps it.
 */
final class DeadLetterMove {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMove.class);
    static final String REFUSED = "DeadLetterRefused";

    private final SqsClient sqs;
    private final QueueSpec dlq;
    private final Resources resources;
    private final BatchRetrier retrier;
    private final WireFormat wireFormat;
    private final Clock clock;

    DeadLetterMove(SqsClient sqs, QueueSpec dlq, Resources resources, BatchRetrier retrier, WireFormat wireFormat, Clock clock) {
        this.sqs = sqs;
        this.dlq = dlq;
        this.resources = resources;
        this.retrier = retrier;
        this.wireFormat = wireFormat;
        this.clock = clock;
    }

    private record Copy(ReceivedMessage message, String body, Map<String, MessageAttribute> attributes, int size) {
    }

    OperationResult send(java.util.Collection<DeadLetter> deadLetters) {
        List<Copy> copies = new ArrayList<>();
        List<EntryFailure> refused = new ArrayList<>();
        for (DeadLetter d : deadLetters) {
            try {
                copies.add(copy(d));
            } catch (MessageValidationException e) {
                refused.add(new EntryFailure(d.message(), REFUSED, "not moved to dead-letter queue '" + dlq.name() + "': " + e.getMessage()));
            }
        }
        List<OperationResult> results = new ArrayList<>();
        results.add(new OperationResult(List.of(), refused));
        for (List<Copy> chunk : Batches.chunk(copies, Copy::size)) {
            results.add(sendChunk(chunk));
        }
        return OperationResult.concat(results);
    }

    private Copy copy(DeadLetter d) {
        ReceivedMessage m = d.message();
        DeadLetterCopy copy = DeadLetterCopy.of(d, wireFormat, clock.instant());
        if (!copy.omitted().isEmpty()) {
            LOG.warn("queue '{}': message {} dead-lettered without {} (SQS limits); reason: {}", m.queue(), m.id(), copy.omitted(), d.reason());
        }
        return new Copy(m, copy.body(), copy.attributes(), MessageRules.checkWire("dead letter of message " + m.id(), copy.body(),
                copy.attributes()));
    }

    private OperationResult sendChunk(List<Copy> chunk) {
        Map<String, Copy> entries = BatchRetrier.byIndex(chunk);
        BatchRetrier.Outcome<Boolean> outcome;
        try {
            outcome = retrier.run("queue '" + dlq.name() + "'", entries, this::sendBatch);
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (MsgflowException e) {
            List<EntryFailure> failed = new ArrayList<>();
            chunk.forEach(c -> failed.add(new EntryFailure(c.message(), "TransportFailure", e.getMessage())));
            return new OperationResult(List.of(), failed);
        }
        List<ReceivedMessage> ok = new ArrayList<>();
        List<EntryFailure> failed = new ArrayList<>();
        entries.forEach((id, copy) -> {
            BatchRetrier.EntryError error = outcome.failed().get(id);
            if (error == null) {
                ok.add(copy.message());
            } else {
                failed.add(new EntryFailure(copy.message(), error.code(), "not moved to dead-letter queue '" + dlq.name() + "': " + error.message()));
            }
        });
        return new OperationResult(ok, failed);
    }

    private BatchRetrier.Attempt<Boolean> sendBatch(Map<String, Copy> entries) {
        SendMessageBatchResponse response;
        try {
            String url = resources.queueUrl(dlq.name());
            response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries.entrySet().stream()
                    .map(e -> entry(e.getKey(), e.getValue())).toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, dlq.name(), "SendMessageBatch");
        }
        return new BatchRetrier.Attempt<>(
                ReceiptBatches.successes(response.successful().stream().map(SendMessageBatchResultEntry::id).toList()),
                ReceiptBatches.errors(response.failed()));
    }

    private SendMessageBatchRequestEntry entry(String id, Copy copy) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(id)
                .messageBody(copy.body())
                .messageAttributes(WireAttributes.toSqs(copy.attributes()));
        if (dlq.isFifo()) {
            entry.messageGroupId(copy.message().groupId().orElse("msgflow-dead-letters"))
                    .messageDeduplicationId(copy.message().transportMessageId());
        }
        return entry.build();
    }
}
