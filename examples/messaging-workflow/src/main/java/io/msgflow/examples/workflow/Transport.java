package io.msgflow.examples.workflow;

import io.msgflow.TransportException;
import io.msgflow.aws.AwsTransport;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.transport.MessageTransport;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SNS/SQS of a run, with what it takes to count a queue's messages; closed after the run. */
final class Transport implements AutoCloseable {
    /** Emulators accept any credentials, but the SDK needs some. */
    private static final StaticCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final MessageTransport transport;
    private final QueueDepth depth;
    private final String label;

    private Transport(MessageTransport transport, QueueDepth depth, String label) {
        this.transport = transport;
        this.depth = depth;
        this.label = label;
    }

    static Transport open(AppOptions options, Map<String, String> environment) {
        return switch (options.transport()) {
            case IN_MEMORY -> inMemory();
            case EMULATOR, AWS -> aws(options, environment);
        };
    }

    private static Transport inMemory() {
        InMemoryTransport transport = InMemoryTransport.create();
        return new Transport(transport, queue -> transport.stats(queue).total(), "in-memory SNS/SQS (msgflow-inmemory)");
    }

    private static Transport aws(AppOptions options, Map<String, String> environment) {
        AwsTransport.Builder builder = AwsTransport.builder();
        options.region().ifPresent(builder::region);
        options.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            if (!environment.containsKey("AWS_ACCESS_KEY_ID") && !environment.containsKey("AWS_PROFILE")) {
                builder.credentialsProvider(EMULATOR_CREDENTIALS);
            }
        });
        AwsTransport transport = builder.build();
        String label = "AWS transport (msgflow-aws) on " + options.endpoint().map(e -> "SNS/SQS at " + e).orElse("AWS")
                + ", region " + transport.sqsClient().serviceClientConfiguration().region();
        return new Transport(transport, queue -> approximateMessages(transport.sqsClient(), queue), label);
    }

    /** Visible, in-flight and delayed messages, as SQS approximates them. */
    private static int approximateMessages(SqsClient sqs, String queue) {
        try {
            String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return counts.values().stream().mapToInt(Integer::parseInt).sum();
        } catch (SdkException | NumberFormatException e) {
            throw new TransportException(queue, "cannot read its message counts: " + e.getMessage(), e);
        }
    }

    MessageTransport transport() {
        return transport;
    }

    QueueDepth depth() {
        return depth;
    }

    /** Says which transport this is, for the summary. */
    String label() {
        return label;
    }

    @Override
    public void close() {
        transport.close();
    }
}
