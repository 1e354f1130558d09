package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import io.msgflow.internal.redrive.DeadLetterOperations;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A dead-letter queue on SQS: listing and filtered or limited redrive by receive, send and delete;
 * a redrive of everything through {@code StartMessageMoveTask} where the peer has it. With
 * {@link RedriveMethod#AUTO} a move task the peer refuses (an unknown action, no permission) falls
 * back to receive, send and delete, logged with the peer's error.
 */
public final class SqsDeadLetterQueue implements DeadLetterQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDeadLetterQueue.class);

    private final SqsClient sqs;
    private final QueueSpec deadLetterQueue;
    private final QueueSpec sourceQueue;
    private final Resources resources;
    private final DeadLetterOperations operations;

    public SqsDeadLetterQueue(SqsClient sqs, io.msgflow.topology.Topology topology, QueueSpec deadLetterQueue, QueueSpec sourceQueue,
                              Resources resources, BatchRetrier retrier) {
        this.sqs = sqs;
        this.deadLetterQueue = deadLetterQueue;
        this.sourceQueue = sourceQueue;
        this.resources = resources;
        this.operations = new DeadLetterOperations(new SqsDeadLetterPort(sqs, topology, deadLetterQueue, sourceQueue, resources, retrier));
    }

    @Override
    public String name() {
        return deadLetterQueue.name();
    }

    @Override
    public String sourceQueue() {
        return sourceQueue.name();
    }

    @Override
    public List<DeadLetterMessage> list(DeadLetterFilter filter, int limit) {
        return operations.list(filter, limit);
    }

    @Override
    public RedriveResult redrive(RedriveOptions options) {
        boolean moveTask = options.method() == RedriveMethod.MOVE_TASK || options.method() == RedriveMethod.AUTO && options.isEverything();
        if (moveTask) {
            Optional<String> handle = startMoveTask(options);
            if (handle.isPresent()) {
                return new RedriveResult(RedriveMethod.MOVE_TASK, List.of(), 0, List.of(), handle);
            }
        }
        return operations.receiveSendDelete(options);
    }

    /** The task handle, or empty when the peer refused the move task and {@code AUTO} may fall back. */
    private Optional<String> startMoveTask(RedriveOptions options) {
        String from = resources.queueArn(deadLetterQueue.name());
        String to = resources.queueArn(sourceQueue.name());
        try {
            return Optional.of(sqs.startMessageMoveTask(r -> r.sourceArn(from).destinationArn(to)
                    .maxNumberOfMessagesPerSecond(options.messagesPerSecond())).taskHandle());
        } catch (SdkException e) {
            if (options.method() == RedriveMethod.AUTO && isRefusal(e)) {
                LOG.info("queue '{}': StartMessageMoveTask refused ({}: {}); redriving by receive, send and delete",
                        name(), AwsErrors.code(e), AwsErrors.reason(e));
                return Optional.empty();
            }
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, deadLetterQueue.name(), "StartMessageMoveTask");
        }
    }

    /** A client error that is no missing queue and no throttling: the peer will not run a move task. */
    private static boolean isRefusal(SdkException e) {
        return e instanceof AwsServiceException s && s.statusCode() >= 400 && s.statusCode() < 500
                && !AwsErrors.isNotFound(e) && !AwsErrors.isThrottling(AwsErrors.code(e));
    }
}
