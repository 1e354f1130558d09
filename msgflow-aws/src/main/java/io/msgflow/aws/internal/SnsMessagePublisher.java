package io.msgflow.aws.internal;

import io.msgflow.Message;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishReceipt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Publishes to the topology's SNS topic: {@code Publish} for one message, {@code PublishBatch}
 * for batches (at most 10 entries and 256 KiB each). Thread-safe.
 */
public final class SnsMessagePublisher extends BatchPublisher {
    private final SnsClient sns;
    private final Topology topology;
    private final Resources resources;

    public SnsMessagePublisher(SnsClient sns, Topology topology, Resources resources, BatchRetrier retrier) {
        super(topology.wireFormat(), retrier);
        this.sns = sns;
        this.topology = topology;
        this.resources = resources;
    }

    @Override
    String resource() {
        return "topic '" + topology.topic() + "'";
    }

    @Override
    boolean fifo() {
        return topology.isFifo();
    }

    @Override
    boolean contentBasedDeduplication() {
        return topology.contentBasedDeduplication();
    }

    @Override
    public PublishReceipt publish(Message message) {
        validate(message);
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(resources.topicArn(topology.topic()))
                .message(message.body())
                .messageAttributes(WireAttributes.toSns(wireFormat().wireAttributes(message)));
        message.groupId().ifPresent(request::messageGroupId);
        message.deduplicationId().ifPresent(request::messageDeduplicationId);
        return sendOne(message, ResourceNotFoundException.Kind.TOPIC, topology.topic(), "Publish", () -> {
            PublishResponse response = sns.publish(request.build());
            return new PublishReceipt(message.id(), response.messageId(), Optional.ofNullable(response.sequenceNumber()));
        });
    }

    @Override
    BatchRetrier.Attempt<PublishReceipt> sendBatch(Map<String, Message> entries) {
        PublishBatchResponse response;
        try {
            response = sns.publishBatch(r -> r.topicArn(resources.topicArn(topology.topic()))
                    .publishBatchRequestEntries(entries.entrySet().stream().map(e -> entry(e.getKey(), e.getValue())).toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topology.topic(), "PublishBatch");
        }
        Map<String, PublishReceipt> ok = new LinkedHashMap<>();
        for (PublishBatchResultEntry s : response.successful()) {
            Message m = entries.get(s.id());
            if (m != null) {
                ok.put(s.id(), new PublishReceipt(m.id(), s.messageId(), Optional.ofNullable(s.sequenceNumber())));
            }
        }
        Map<String, BatchRetrier.EntryError> failed = new LinkedHashMap<>();
        for (BatchResultErrorEntry f : response.failed()) {
            failed.put(f.id(), new BatchRetrier.EntryError(f.code(), f.message(), Boolean.TRUE.equals(f.senderFault())));
        }
        return new BatchRetrier.Attempt<>(ok, failed);
    }

    private PublishBatchRequestEntry entry(String id, Message message) {
        PublishBatchRequestEntry.Builder entry = PublishBatchRequestEntry.builder()
                .id(id)
                .message(message.body())
                .messageAttributes(WireAttributes.toSns(wireFormat().wireAttributes(message)));
        message.groupId().ifPresent(entry::messageGroupId);
        message.deduplicationId().ifPresent(entry::messageDeduplicationId);
        return entry.build();
    }
}
