package io.msgflow.aws.internal;

import io.msgflow.Message;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishReceipt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Sends straight to one queue, bypassing the topic: {@code SendMessage} for one message,
 * {@code SendMessageBatch} for batches; the message arrives raw with the same attributes a raw SNS
 * delivery carries. Thread-safe.
 */
public final class SqsMessageSender extends BatchPublisher {
    private final SqsClient sqs;
    private final QueueSpec queue;
    private final Resources resources;

    public SqsMessageSender(SqsClient sqs, Topology topology, QueueSpec queue, Resources resources, BatchRetrier retrier) {
        super(topology.wireFormat(), retrier);
        this.sqs = sqs;
        this.queue = queue;
        this.resources = resources;
    }

    @Override
    String resource() {
        return "queue '" + queue.name() + "'";
    }

    @Override
    boolean fifo() {
        return queue.isFifo();
    }

    @Override
    boolean contentBasedDeduplication() {
        return queue.contentBasedDeduplication();
    }

    @Override
    public PublishReceipt publish(Message message) {
        validate(message);
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .messageBody(message.body())
                .messageAttributes(WireAttributes.toSqs(wireFormat().wireAttributes(message)));
        message.groupId().ifPresent(request::messageGroupId);
        message.deduplicationId().ifPresent(request::messageDeduplicationId);
        return sendOne(message, ResourceNotFoundException.Kind.QUEUE, queue.name(), "SendMessage", () -> {
            SendMessageResponse response = sqs.sendMessage(request.queueUrl(resources.queueUrl(queue.name())).build());
            return new PublishReceipt(message.id(), response.messageId(), Optional.ofNullable(response.sequenceNumber()));
        });
    }

    @Override
    BatchRetrier.Attempt<PublishReceipt> sendBatch(Map<String, Message> entries) {
        SendMessageBatchResponse response;
        try {
            String url = resources.queueUrl(queue.name());
            response = sqs.sendMessageBatch(r -> r.queueUrl(url)
                    .entries(entries.entrySet().stream().map(e -> entry(e.getKey(), e.getValue())).toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue.name(), "SendMessageBatch");
        }
        Map<String, PublishReceipt> ok = new LinkedHashMap<>();
        for (SendMessageBatchResultEntry s : response.successful()) {
            Message m = entries.get(s.id());
            if (m != null) {
                ok.put(s.id(), new PublishReceipt(m.id(), s.messageId(), Optional.ofNullable(s.sequenceNumber())));
            }
        }
        return new BatchRetrier.Attempt<>(ok, ReceiptBatches.errors(response.failed()));
    }

    private SendMessageBatchRequestEntry entry(String id, Message message) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(message.body())
                .messageAttributes(WireAttributes.toSqs(wireFormat().wireAttributes(message)));
        message.groupId().ifPresent(entry::messageGroupId);
        message.deduplicationId().ifPresent(entry::messageDeduplicationId);
        return entry.build();
    }
}
