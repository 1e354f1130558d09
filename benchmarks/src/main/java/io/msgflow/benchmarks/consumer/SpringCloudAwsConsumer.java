package io.msgflow.benchmarks.consumer;

import io.awspring.cloud.sqs.listener.SqsContainerOptionsBuilder;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.acknowledgement.AsyncAcknowledgementResultCallback;
import io.msgflow.WireFormat;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import java.net.URI;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Spring Cloud AWS's {@link SqsMessageListenerContainer} on the SDK's default asynchronous client
 * (Netty), as its Spring Boot starter builds it, with the container options a candidate names
 * (none: Spring Cloud AWS's defaults). The listener does msgflow's handler work (decode with the
 * same codec, add to the checksum); the clock stops when the last acknowledgement (a
 * {@code DeleteMessageBatch}) is confirmed through the container's asynchronous acknowledgement
 * callback (the blocking one would queue a task per batch on the listener's executor).
 */
final class SpringCloudAwsConsumer implements Candidate {
    private static final String TYPE = WireFormat.DEFAULT_TYPE_ATTRIBUTE;

    private final String name;
    private final SqsAsyncClient client;
    private final Consumer<SqsContainerOptionsBuilder> options;

    SpringCloudAwsConsumer(String name, URI endpoint, Consumer<SqsContainerOptionsBuilder> options) {
        this.name = name;
        this.client = SqsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long drain(BenchQueue queue, Checksum checksum) throws Exception {
        Completion completion = new Completion(queue.messages());
        SqsMessageListenerContainer<String> container = SqsMessageListenerContainer.<String>builder()
                .sqsAsyncClient(client)
                .queueNames(queue.name())
                .messageListener(message -> checksum.add(BenchMessages.CODEC.decode(type(message), message.getPayload())))
                .acknowledgementResultCallback(new AsyncAcknowledgementResultCallback<String>() {
                    @Override
                    public CompletableFuture<Void> onSuccess(Collection<Message<String>> messages) {
                        completion.deleted(messages.size());
                        return CompletableFuture.completedFuture(null);
                    }
                })
                .configure(options)
                .build();
        long start = System.nanoTime();
        container.start();
        try {
            return completion.await(name, queue.name()) - start;
        } finally {
            container.stop();
        }
    }

    private static String type(Message<String> message) {
        Object type = message.getHeaders().get(TYPE);
        if (type == null) {
            throw new IllegalStateException("no '" + TYPE + "' header among " + message.getHeaders().keySet());
        }
        return type.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
