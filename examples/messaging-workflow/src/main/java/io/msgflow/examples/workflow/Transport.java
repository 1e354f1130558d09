package io.msgflow.examples.workflow;

import io.msgflow.TransportException;
import io.msgflow.aws.AwsTransport;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.transport.MessageTransport;
import io.msgflow.internal.Durations;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SNS/SQS of a run, with what it takes to count a queue's messages; closed after the run. */
final class Transport implements AutoCloseable {
    /** Emulators accept any credentials, but the SDK needs some. */
    private static final StaticCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** How long a connection to an emulator may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long an emulator may take to answer one request (the drains' long polls wait 2 s). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long one call to an emulator may take, its retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(12);

    private final MessageTransport transport;
    private final QueueDepth depth;
    private final String label;
    private final List<AutoCloseable> clients;

    private Transport(MessageTransport transport, QueueDepth depth, String label, List<AutoCloseable> clients) {
        this.transport = transport;
        this.depth = depth;
        this.label = label;
        this.clients = clients;
    }

    /** Opens the transport of the options; an emulator is first asked for its queues, within the timeouts, saying so on {@code progress}. */
    static Transport open(AppOptions options, Map<String, String> environment, PrintStream progress) {
        return switch (options.transport()) {
            case IN_MEMORY -> inMemory();
            case EMULATOR -> emulator(options, environment, progress);
            case AWS -> aws(options);
        };
    }

    private static Transport inMemory() {
        InMemoryTransport transport = InMemoryTransport.create();
        return new Transport(transport, queue -> transport.stats(queue).total(), "in-memory SNS/SQS (msgflow-inmemory)", List.of());
    }

    private static Transport aws(AppOptions options) {
        AwsTransport.Builder builder = AwsTransport.builder();
        options.region().ifPresent(builder::region);
        AwsTransport transport = builder.build();
        String label = "AWS transport (msgflow-aws) on AWS, region " + transport.sqsClient().serviceClientConfiguration().region();
        return new Transport(transport, queue -> approximateMessages(transport.sqsClient(), queue), label, List.of());
    }

    /**
     * The AWS transport on clients with short timeouts, since an emulator answers at once or not
     * at all: a server that accepts connections and never answers fails the run within
     * {@link #CALL_TIMEOUT} instead of the SDK's minutes of retries.
     */
    private static Transport emulator(AppOptions options, Map<String, String> environment, PrintStream progress) {
        URI endpoint = options.endpoint().orElseThrow();
        Region region = Region.of(options.region().orElseThrow());
        AwsCredentialsProvider credentials = environment.containsKey("AWS_ACCESS_KEY_ID") || environment.containsKey("AWS_PROFILE")
                ? DefaultCredentialsProvider.builder().build() : EMULATOR_CREDENTIALS;
        ClientOverrideConfiguration timeouts = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(READ_TIMEOUT).apiCallTimeout(CALL_TIMEOUT).build();
        SqsClient sqs = SqsClient.builder().httpClient(httpClient()).endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).overrideConfiguration(timeouts).build();
        SnsClient sns = SnsClient.builder().httpClient(httpClient()).endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).overrideConfiguration(timeouts).build();
        try {
            progress.println("connecting to SNS/SQS at " + endpoint + " (connect timeout " + Durations.format(CONNECT_TIMEOUT)
                    + ", read timeout " + Durations.format(READ_TIMEOUT) + ", at most " + Durations.format(CALL_TIMEOUT) + " a call)");
            sqs.listQueues(r -> r.maxResults(1));
        } catch (SdkException e) {
            sqs.close();
            sns.close();
            throw new TransportException(endpoint.toString(), "the SNS/SQS endpoint did not answer ListQueues within "
                    + Durations.format(CALL_TIMEOUT) + ": " + e.getMessage(), e);
        }
        AwsTransport transport = AwsTransport.builder().clients(sns, sqs).build();
        String label = "AWS transport (msgflow-aws) on SNS/SQS at " + endpoint + ", region " + region;
        return new Transport(transport, queue -> approximateMessages(sqs, queue), label, List.of(sqs, sns));
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT).build();
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
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing an SDK client releases local resources only; nothing to report
            }
        }
    }
}
