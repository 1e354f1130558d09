package io.msgflow.aws.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Deliveries;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Reads one SQS queue: {@code ReceiveMessage} long polls with all message and system attributes,
 * {@code DeleteMessageBatch}, {@code ChangeMessageVisibilityBatch}, and dead-lettering by sending to
 * the dead-letter queue and then deleting. A long poll answers an interrupt of its thread at once
 * (see {@link LongPolls}). Thread-safe.
 */
public final class SqsMessageSource implements MessageSource {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqsMessageSource.class);
    private static final int MAX_WAIT_SECONDS = 20;

    private final SqsClient sqs;
    private final Topology topology;
    private final QueueSpec queue;
    private final Resources resources;
    private final BatchRetrier retrier;
    private final ReceivedMessageReader reader;
    private final ReceiptBatches batches;

    public SqsMessageSource(SqsClient sqs, Topology topology, QueueSpec queue, Resources resources, BatchRetrier retrier) {
        this.sqs = sqs;
        this.topology = topology;
        this.queue = queue;
        this.resources = resources;
        this.retrier = retrier;
        this.reader = new ReceivedMessageReader(queue.name(), topology.wireFormat(),
                Deliveries.Unwrapping.forQueue(topology, queue.name()));
        this.batches = new ReceiptBatches(retrier, "queue '" + queue.name() + "'");
    }

    @Override
    public String queue() {
        return queue.name();
    }

    @Override
    public Optional<QueueSpec> declaration() {
        return Optional.of(queue);
    }

    @Override
    public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
        Check.between("maxMessages", maxMessages, 1, 10);
        Check.between("wait", wait, Duration.ZERO, Duration.ofSeconds(MAX_WAIT_SECONDS));
        int waitSeconds = (int) Math.min(MAX_WAIT_SECONDS, wait.plusNanos(999_999_999).getSeconds());
        if (waitSeconds == 0) {
            return receiveNow(maxMessages, 0);
        }
        return LongPolls.run(() -> receiveNow(maxMessages, waitSeconds), this::handBack);
    }

    private List<ReceivedMessage> receiveNow(int maxMessages, int waitSeconds) {
        String url = url();
        ReceiveMessageResponse response;
        try {
            response = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(maxMessages).waitTimeSeconds(waitSeconds)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue.name(), "ReceiveMessage");
        }
        return response.messages().stream().map(reader::read).toList();
    }

    /** Messages of a long poll whose caller was interrupted: visible again at once. */
    private void handBack(List<ReceivedMessage> messages) {
        try {
            changeVisibility(messages, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("queue '{}': could not hand back {} messages of an aborted long poll; they come back after the visibility"
                    + " timeout: {}", queue.name(), messages.size(), e.getMessage());
        }
    }

    @Override
    public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
        return batches.run(messages, this::delete);
    }

    @Override
    public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
        Check.between("timeout", timeout, Duration.ZERO, Duration.ofHours(12));
        int seconds = (int) timeout.plusNanos(999_999_999).getSeconds();
        return batches.run(messages, entries -> changeVisibility(entries, seconds));
    }

    @Override
    public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
        RedrivePolicy redrive = queue.redrive().orElseThrow(() -> new InvalidConfigurationException("deadLetterQueue",
                "queue '" + queue.name() + "' has no dead-letter queue in the topology of topic '" + topology.topic() + "'"));
        QueueSpec dlq = topology.requireQueue(redrive.deadLetterQueue());
        DeadLetterMove move = new DeadLetterMove(sqs, dlq, resources, retrier, topology.wireFormat(), Clock.systemUTC());
        OperationResult moved = move.send(deadLetters);
        OperationResult deleted = moved.succeeded().isEmpty() ? OperationResult.empty() : acknowledge(moved.succeeded());
        return new OperationResult(deleted.succeeded(), concat(moved, deleted));
    }

    private static List<io.msgflow.transport.EntryFailure> concat(OperationResult a, OperationResult b) {
        List<io.msgflow.transport.EntryFailure> all = new java.util.ArrayList<>(a.failed());
        b.failed().forEach(f -> all.add(new io.msgflow.transport.EntryFailure(f.message(), f.code(),
                "copied to the dead-letter queue but not deleted from this queue (it will be delivered again): " + f.reason())));
        return all;
    }

    private String url() {
        return resources.queueUrl(queue.name());
    }

    private BatchRetrier.Attempt<Boolean> delete(Map<String, ReceivedMessage> entries) {
        String url = url();
        DeleteMessageBatchResponse response;
        try {
            response = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries.entrySet().stream()
                    .map(e -> DeleteMessageBatchRequestEntry.builder().id(e.getKey()).receiptHandle(e.getValue().receiptHandle()).build())
                    .toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue.name(), "DeleteMessageBatch");
        }
        return new BatchRetrier.Attempt<>(
                ReceiptBatches.successes(response.successful().stream().map(DeleteMessageBatchResultEntry::id).toList()),
                ReceiptBatches.errors(response.failed()));
    }

    private BatchRetrier.Attempt<Boolean> changeVisibility(Map<String, ReceivedMessage> entries, int seconds) {
        String url = url();
        ChangeMessageVisibilityBatchResponse response;
        try {
            response = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries.entrySet().stream()
                    .map(e -> ChangeMessageVisibilityBatchRequestEntry.builder().id(e.getKey())
                            .receiptHandle(e.getValue().receiptHandle()).visibilityTimeout(seconds).build())
                    .toList()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue.name(), "ChangeMessageVisibilityBatch");
        }
        return new BatchRetrier.Attempt<>(
                ReceiptBatches.successes(response.successful().stream().map(ChangeMessageVisibilityBatchResultEntry::id).toList()),
                ReceiptBatches.errors(response.failed()));
    }
}
