package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.MessageRules;
import io.msgflow.internal.redrive.DeadLetterPort;
import io.msgflow.internal.redrive.HeldMessage;
import io.msgflow.internal.Deliveries;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS calls behind a dead-letter queue: {@code ReceiveMessage} with the hold as visibility
 * timeout and a one-second long poll (so every SQS server is asked, not a sample),
 * and {@code SendMessageBatch} to the source queue; deletes and hand-backs go through the
 * dead-letter queue's {@link SqsMessageSource}.
 */
final class SqsDeadLetterPort implements DeadLetterPort {
    private final SqsClient sqs;
    private final QueueSpec deadLetterQueue;
    private final String sourceQueue;
    private final Resources resources;
    private final SqsMessageSource deadLetters;
    private final SqsCopySender toSource;
    private final ReceivedMessageReader reader;

    SqsDeadLetterPort(SqsClient sqs, Topology topology, QueueSpec deadLetterQueue, QueueSpec sourceQueue, Resources resources,
                      BatchRetrier retrier) {
        this.sqs = sqs;
        this.deadLetterQueue = deadLetterQueue;
        this.sourceQueue = sourceQueue.name();
        this.resources = resources;
        this.deadLetters = new SqsMessageSource(sqs, topology, deadLetterQueue, resources, retrier);
        this.toSource = new SqsCopySender(sqs, sourceQueue, resources, retrier);
        this.reader = new ReceivedMessageReader(deadLetterQueue.name(), topology.wireFormat(), Deliveries.Unwrapping.NEVER);
    }

    @Override
    public MessageSource deadLetters() {
        return deadLetters;
    }

    @Override
    public String sourceQueue() {
        return sourceQueue;
    }

    @Override
    public List<HeldMessage> receive(int max, Duration hold) {
        String url = resources.queueUrl(deadLetterQueue.name());
        int seconds = (int) hold.plusNanos(999_999_999).getSeconds();
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds(1).visibilityTimeout(seconds)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, deadLetterQueue.name(), "ReceiveMessage");
        }
        return messages.stream().map(m -> new HeldMessage(reader.read(m), m.body() == null ? "" : m.body(),
                WireAttributes.fromSqs(m.messageAttributes()).attributes())).toList();
    }

    @Override
    public OperationResult sendToSource(List<HeldMessage> messages) {
        return toSource.send(messages.stream().map(m -> new SqsCopySender.Copy(m.delivery(), m.sqsBody(), m.redriveAttributes(),
                MessageRules.sizeInBytes(m.sqsBody(), m.redriveAttributes()))).toList());
    }
}
