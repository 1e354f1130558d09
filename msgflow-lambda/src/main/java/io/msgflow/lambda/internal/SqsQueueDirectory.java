package io.msgflow.lambda.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.WireFormat;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.internal.AwsErrors;
import io.msgflow.internal.Json;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queues on SQS, declared from what SQS says of them: one {@code GetQueueAttributes} per queue and
 * container reads the visibility timeout and the redrive policy (dead-letter queue and
 * {@code maxReceiveCount}), so the function needs no copy of the stack's queue settings.
 */
public final class SqsQueueDirectory implements QueueDirectory {
    private final AwsTransport transport;
    private final SqsClient sqs;
    private final String topic;
    private final WireFormat wireFormat;
    private final ConcurrentMap<String, QueueAccess> queues = new ConcurrentHashMap<>();

    /** @param topic the topic name of the queues' topology (sources do not use it) */
    public SqsQueueDirectory(AwsTransport transport, String topic, WireFormat wireFormat) {
        this.transport = transport;
        this.sqs = transport.sqsClient();
        this.topic = topic;
        this.wireFormat = wireFormat;
    }

    @Override
    public QueueAccess queue(String name, Optional<String> url) {
        return queues.computeIfAbsent(name, n -> discover(n, url));
    }

    private QueueAccess discover(String name, Optional<String> knownUrl) {
        String url = knownUrl.orElseGet(() -> call(name, "GetQueueUrl", () -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl()));
        Map<QueueAttributeName, String> attributes = call(name, "GetQueueAttributes", () -> sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)).attributes());
        QueueSpec spec = spec(name, attributes);
        Topology topology = Topology.builder(topic).wireFormat(wireFormat).queue(spec).build();
        return new QueueAccess(spec, transport.source(topology, name), () -> depth(name, url));
    }

    static QueueSpec spec(String name, Map<QueueAttributeName, String> attributes) {
        QueueSpec.Builder spec = QueueSpec.builder(name);
        String visibility = attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT);
        if (visibility != null) {
            spec.visibilityTimeout(Duration.ofSeconds(Long.parseLong(visibility.trim())));
        }
        String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        if (redrive != null && !redrive.isBlank()) {
            JsonNode policy = Json.tryParse(redrive);
            JsonNode target = policy == null ? null : policy.get("deadLetterTargetArn");
            JsonNode count = policy == null ? null : policy.get("maxReceiveCount");
            if (target == null || count == null || !count.asText().trim().matches("\\d+")) {
                throw new InvalidConfigurationException("RedrivePolicy", "queue '" + name
                        + "': RedrivePolicy must hold deadLetterTargetArn and maxReceiveCount, but was " + redrive);
            }
            String arn = target.asText();
            spec.deadLetterQueue(arn.substring(arn.lastIndexOf(':') + 1), Integer.parseInt(count.asText().trim()));
        }
        return spec.build();
    }

    private OptionalInt depth(String name, String url) {
        String count = call(name, "GetQueueAttributes", () -> sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        try {
            return count == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(String queue, String operation, Call<T> call) {
        try {
            return call.run();
        } catch (SdkException e) {
            MsgflowException translated = AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, operation);
            throw translated;
        }
    }
}
