package io.msgflow.aws;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.aws.internal.Backoff;
import io.msgflow.aws.internal.BatchRetrier;
import io.msgflow.aws.internal.HttpClients;
import io.msgflow.aws.internal.Resources;
import io.msgflow.aws.internal.RetrySettings;
import io.msgflow.aws.internal.RetryStrategies;
import io.msgflow.aws.internal.Sleeper;
import io.msgflow.aws.internal.SnsMessagePublisher;
import io.msgflow.aws.internal.SqsMessageSender;
import io.msgflow.aws.internal.SqsDeadLetterQueue;
import io.msgflow.aws.internal.SqsMessageSource;
import io.msgflow.aws.internal.TopologyProvisioning;
import io.msgflow.internal.Check;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.MessageTransport;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The {@link MessageTransport} on Amazon SNS and SQS (AWS SDK v2), and on any AWS-compatible
 * emulator by endpoint (LocalStack, fauxqs, ElasticMQ for SQS only).
 *
 * <pre>{@code
 * try (AwsTransport transport = AwsTransport.builder()
 *         .region("eu-west-1")
 *         .build()) {
 *     transport.provision(topology);
 *     transport.publisher(topology).publishAll(messages);
 * }
 * }</pre>
 *
 * <p><b>Delivery:</b> at-least-once, as {@link MessagePublisher} and {@link MessageSource} state.
 * <b>Retries:</b> throttled calls and entries (including KMS throttling) and server errors are
 * retried with bounded exponential backoff and jitter ({@link Builder#maxAttempts(int)}); batch
 * entries that still fail are reported one by one, never hidden. <b>Errors:</b> a missing topic or
 * queue is a {@link io.msgflow.ResourceNotFoundException} naming it, any other failed call a
 * {@link io.msgflow.TransportException} naming the resource and the AWS error code.
 * <b>Threading:</b> thread-safe; publishers and sources it hands out are thread-safe and share its
 * clients. Closing it closes the SDK clients it built, not those passed to the builder.
 * <b>Connections:</b> every call holds a pooled connection for its duration, a long poll up to its
 * 20 s wait. The default pool ({@link #DEFAULT_MAX_CONNECTIONS}) is the most pollers one
 * {@code MessageConsumer} runs (100) plus {@link #CONNECTIONS_BESIDES_POLLERS} for the sends, deletes
 * and visibility changes made meanwhile, so they never queue behind long polls. Consumers sharing
 * one transport need {@link Builder#maxConnections(int)} at least their pollers together plus
 * {@link #CONNECTIONS_BESIDES_POLLERS}.
 */
public final class AwsTransport implements MessageTransport {
    private final SnsClient sns;
    private final SqsClient sqs;
    private final SdkHttpClient ownedHttpClient;
    private final HttpClientKind httpClientKind;
    private final boolean ownsClients;
    private final AwsServices services;
    private final RequestCounter requestCounter;
    private final Resources resources;
    private final BatchRetrier retrier;
    private final AwsTopologyProvisioner provisioner;

    private AwsTransport(Builder b) {
        this.services = b.services;
        this.requestCounter = b.requestCounter;
        this.ownsClients = b.sqsClient == null;
        this.httpClientKind = ownsClients ? b.httpClient : null;
        this.ownedHttpClient = ownsClients ? HttpClients.create(b.httpClient, b.maxConnections) : null;
        RetrySettings retry = new RetrySettings(b.maxAttempts, b.retryBaseDelay, b.retryMaxDelay);
        this.sqs = ownsClients ? configure(SqsClient.builder(), b, retry).build() : b.sqsClient;
        this.sns = services == AwsServices.SQS_ONLY ? null
                : ownsClients ? configure(SnsClient.builder(), b, retry).build() : b.snsClient;
        Region region = sqs.serviceClientConfiguration().region();
        this.resources = new Resources(sns, sqs, Optional.ofNullable(b.accountId), PartitionMetadata.of(region).id(), region.id(),
                b.topicArns, b.queueUrls);
        this.retrier = new BatchRetrier(new Backoff(retry, Sleeper.THREAD, () -> ThreadLocalRandom.current().nextDouble()));
        this.provisioner = new AwsTopologyProvisioner(new TopologyProvisioning(sns, sqs, resources));
    }

    private <C extends AwsClientBuilder<C, ?> & AwsSyncClientBuilder<C, ?>> C configure(C client, Builder b, RetrySettings retry) {
        client.httpClient(ownedHttpClient)
                .overrideConfiguration(c -> c.addExecutionInterceptor(requestCounter).retryStrategy(RetryStrategies.of(retry)));
        if (b.endpoint != null) {
            client.endpointOverride(b.endpoint);
        }
        client.region(b.region != null ? b.region : defaultRegion());
        if (b.credentials != null) {
            client.credentialsProvider(b.credentials);
        }
        return client;
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new InvalidConfigurationException("region",
                    "`region` must be set, or found by the SDK's default region chain (AWS_REGION, profile), but was not: " + e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the topology's resources or verifies those that exist. Running it twice changes
     * nothing.
     *
     * @throws TopologyDriftException when an existing resource differs from the topology (nothing
     *         is changed; {@link #provisioner()} with {@link DriftMode#CORRECT} corrects it)
     */
    @Override
    public void provision(Topology topology) {
        ProvisioningReport report = provisioner.provision(topology, DriftMode.REPORT);
        if (report.hasDrift()) {
            throw new TopologyDriftException(topology.topic(), report);
        }
    }

    /**
     * Attaches to existing resources: checks the topic, queues and subscriptions of the topology
     * without creating or changing anything, with read calls only ({@link DriftMode#VERIFY}).
     * With {@link Builder#topicArn} and {@link Builder#queueUrl} set it needs neither
     * {@code ListTopics} nor {@code GetQueueUrl}.
     *
     * @return the report, whose warnings name queues without a dead-letter queue
     * @throws TopologyDriftException when a resource is missing or differs, listing each one with
     *         the setting, the expected and the actual value
     */
    public ProvisioningReport verify(Topology topology) {
        ProvisioningReport report = provisioner.provision(topology, DriftMode.VERIFY);
        if (!report.matchesTopology()) {
            throw new TopologyDriftException(topology.topic(), report);
        }
        return report;
    }

    /** Provisioning with a report and a choice of what to do about drift. */
    public AwsTopologyProvisioner provisioner() {
        return provisioner;
    }

    /**
     * A publisher to the topology's topic: {@code Publish} for one message, {@code PublishBatch} for
     * batches.
     *
     * @throws InvalidConfigurationException when the transport is {@link AwsServices#SQS_ONLY}
     */
    @Override
    public MessagePublisher publisher(Topology topology) {
        if (sns == null) {
            throw new InvalidConfigurationException("services", "topic '" + topology.topic()
                    + "': this AwsTransport is SQS_ONLY and has no SNS client; publish with queueSender(topology, queue)");
        }
        return new SnsMessagePublisher(sns, topology, resources, retrier);
    }

    @Override
    public MessagePublisher queueSender(Topology topology, String queue) {
        return new SqsMessageSender(sqs, topology, topology.requireQueue(queue), resources, retrier);
    }

    @Override
    public MessageSource source(Topology topology, String queue) {
        return new SqsMessageSource(sqs, topology, topology.requireQueue(queue), resources, retrier);
    }

    /**
     * The dead-letter queue of {@code sourceQueue}: listing by receive with a 30 s hold and hand-back;
     * redrive of everything through SQS {@code StartMessageMoveTask} where the peer supports it
     * ({@link io.msgflow.transport.RedriveMethod#AUTO}), otherwise, and for filtered or limited
     * redrives, by receive, {@code SendMessageBatch} to the source queue and delete. The IAM actions
     * it needs are listed in the module's README.
     */
    @Override
    public DeadLetterQueue deadLetterQueue(Topology topology, String sourceQueue) {
        QueueSpec source = topology.requireQueue(sourceQueue);
        QueueSpec dlq = topology.requireQueue(source.redrive().map(RedrivePolicy::deadLetterQueue)
                .orElseThrow(() -> new InvalidConfigurationException("deadLetterQueue", "queue '" + sourceQueue
                        + "' declares no dead-letter queue in the topology of topic '" + topology.topic() + "'")));
        return new SqsDeadLetterQueue(sqs, topology, dlq, source, resources, retrier);
    }

    /** Counts the SNS and SQS requests of this transport's own clients (only of those it built). */
    public RequestCounter requestCounter() {
        return requestCounter;
    }

    public AwsServices services() {
        return services;
    }

    /** The HTTP client the transport built its SDK clients on; empty when they were passed to {@link Builder#clients}. */
    public Optional<HttpClientKind> httpClient() {
        return Optional.ofNullable(httpClientKind);
    }

    /** The SQS client, for calls msgflow does not make. Do not close it. */
    public SqsClient sqsClient() {
        return sqs;
    }

    /** The SNS client, for calls msgflow does not make; empty when {@link AwsServices#SQS_ONLY}. Do not close it. */
    public Optional<SnsClient> snsClient() {
        return Optional.ofNullable(sns);
    }

    @Override
    public void close() {
        if (ownsClients) {
            sqs.close();
            if (sns != null) {
                sns.close();
            }
            ownedHttpClient.close();
        }
    }

    @Override
    public String toString() {
        return "AwsTransport{" + services + httpClient().map(k -> ", httpClient=" + k).orElse("") + ", region=" + sqs.serviceClientConfiguration().region()
                + sqs.serviceClientConfiguration().endpointOverride().map(e -> ", endpoint=" + e).orElse("") + "}";
    }

    /** Connections kept free of long polls for the other calls: sends, deletes, visibility changes. */
    public static final int CONNECTIONS_BESIDES_POLLERS = 50;
    /** Default pool size: the most pollers of one {@code MessageConsumer} (100) plus {@link #CONNECTIONS_BESIDES_POLLERS}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100 + CONNECTIONS_BESIDES_POLLERS;

    /** Builds an {@link AwsTransport}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
        private static final Pattern TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:[a-z0-9-]+:\\d{12}:([A-Za-z0-9_.-]{1,256})");
        private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");

        private URI endpoint;
        private Region region;
        private AwsCredentialsProvider credentials;
        private SnsClient snsClient;
        private SqsClient sqsClient;
        private HttpClientKind httpClient = HttpClientKind.APACHE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private AwsServices services = AwsServices.SNS_AND_SQS;
        private String accountId;
        private RequestCounter requestCounter = new RequestCounter();
        private final Map<String, String> topicArns = new LinkedHashMap<>();
        private final Map<String, String> queueUrls = new LinkedHashMap<>();
        private int maxAttempts = RetrySettings.DEFAULTS.maxAttempts();
        private Duration retryBaseDelay = RetrySettings.DEFAULTS.baseDelay();
        private Duration retryMaxDelay = RetrySettings.DEFAULTS.maxDelay();

        private Builder() {
        }

        /** One endpoint for SNS and SQS, for an emulator ({@code http://127.0.0.1:4566}); AWS's own when unset. */
        public Builder endpointOverride(URI value) {
            Check.notNull("endpointOverride", value);
            if (value.getScheme() == null || value.getHost() == null) {
                throw new InvalidConfigurationException("endpointOverride",
                        "`endpointOverride` must be an absolute http(s) URI, but was '" + value + "'");
            }
            this.endpoint = value;
            return this;
        }

        /** The region, e.g. {@code eu-west-1}; the SDK's default region chain when unset. */
        public Builder region(String value) {
            this.region = Region.of(Check.matches("region", value, Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"),
                    "must be an AWS region name such as eu-west-1"));
            return this;
        }

        /** Credentials; the SDK's default credentials chain when unset. */
        public Builder credentialsProvider(AwsCredentialsProvider value) {
            this.credentials = Check.notNull("credentialsProvider", value);
            return this;
        }

        /**
         * Pre-built clients, used as they are (endpoint, region, credentials, HTTP client and retry
         * settings of this builder do not apply; add {@link #requestCounter()} to them to count).
         * {@code sns} may be null for {@link AwsServices#SQS_ONLY}. The transport does not close them.
         */
        public Builder clients(SnsClient sns, SqsClient sqs) {
            this.sqsClient = Check.notNull("sqsClient", sqs);
            this.snsClient = sns;
            return this;
        }

        /**
         * The SDK HTTP client to build on; default {@link HttpClientKind#APACHE}, the fastest for
         * a consumer (see {@link HttpClientKind}). AWS Lambda handlers choose
         * {@link HttpClientKind#URL_CONNECTION} for its shorter cold start.
         */
        public Builder httpClient(HttpClientKind value) {
            this.httpClient = Check.notNull("httpClient", value);
            return this;
        }

        /**
         * Connection pool size of {@link HttpClientKind#APACHE}, 1 to 1000; default {@link #DEFAULT_MAX_CONNECTIONS}.
         * Keep it above the pollers of every consumer on this transport plus {@link #CONNECTIONS_BESIDES_POLLERS}:
         * a long poll holds its connection up to 20 s, and a call that finds the pool empty waits for one.
         */
        public Builder maxConnections(int value) {
            this.maxConnections = Check.between("maxConnections", value, 1, 1000);
            return this;
        }

        int maxConnections() {
            return maxConnections;
        }

        /** SNS and SQS (default), or SQS only. */
        public Builder services(AwsServices value) {
            this.services = Check.notNull("services", value);
            return this;
        }

        /**
         * The 12-digit account id, to build topic ARNs without looking them up; when unset a
         * publisher finds its topic's ARN with {@code ListTopics} (or takes it from provisioning).
         */
        public Builder accountId(String value) {
            this.accountId = Check.matches("accountId", value, ACCOUNT_ID, "must be 12 digits");
            return this;
        }

        /**
         * The ARN of an existing topic ({@code arn:aws:sns:eu-west-1:123456789012:events}): a
         * topology whose topic has this name is addressed by it, so publishing and verifying need
         * no {@code ListTopics}. May be called for several topics.
         */
        public Builder topicArn(String value) {
            Matcher arn = TOPIC_ARN.matcher(Check.notNull("topicArn", value));
            if (!arn.matches()) {
                throw new InvalidConfigurationException("topicArn",
                        "`topicArn` must look like arn:aws:sns:<region>:<12-digit account>:<topic>, but was '" + value + "'");
            }
            topicArns.put(arn.group(1), value);
            return this;
        }

        /**
         * The URL of an existing queue ({@code https://sqs.eu-west-1.amazonaws.com/123456789012/notifications}):
         * a topology's queue with the name of its last path segment is addressed by it, so sources,
         * senders and verifying need no {@code GetQueueUrl}. May be called for several queues.
         */
        public Builder queueUrl(String value) {
            String name = queueNameOf(Check.notNull("queueUrl", value));
            if (name == null) {
                throw new InvalidConfigurationException("queueUrl",
                        "`queueUrl` must be an absolute http(s) URL whose last path segment is the queue name, but was '" + value + "'");
            }
            queueUrls.put(name, value);
            return this;
        }

        /** The last path segment of an absolute http(s) URL without query, when it is a queue name. */
        private static String queueNameOf(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getPath() == null) {
                return null;
            }
            String name = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
            return QUEUE_NAME.matcher(name).matches() ? name : null;
        }

        /** The counter the transport's clients report to; a new one when unset. */
        public Builder requestCounter(RequestCounter value) {
            this.requestCounter = Check.notNull("requestCounter", value);
            return this;
        }

        /** Attempts per call and per batch entry, the first included: 1 to 10; default 4. */
        public Builder maxAttempts(int value) {
            this.maxAttempts = Check.between("maxAttempts", value, 1, 10);
            return this;
        }

        /** Ceiling of the first backoff, 1 ms to 10 s; default 100 ms; doubles per attempt up to {@link #retryMaxDelay}. */
        public Builder retryBaseDelay(Duration value) {
            this.retryBaseDelay = Check.between("retryBaseDelay", value, Duration.ofMillis(1), Duration.ofSeconds(10));
            return this;
        }

        /** Largest backoff, 1 ms to 1 min; default 5 s. */
        public Builder retryMaxDelay(Duration value) {
            this.retryMaxDelay = Check.between("retryMaxDelay", value, Duration.ofMillis(1), Duration.ofMinutes(1));
            return this;
        }

        /**
         * @throws InvalidConfigurationException when clients were passed without an SNS client for
         *         {@link AwsServices#SNS_AND_SQS}, or the retry delays are out of order
         */
        public AwsTransport build() {
            if (sqsClient != null && snsClient == null && services == AwsServices.SNS_AND_SQS) {
                throw new InvalidConfigurationException("snsClient",
                        "`snsClient` must be set for services SNS_AND_SQS, but was null (use services(SQS_ONLY) for SQS alone)");
            }
            new RetrySettings(maxAttempts, retryBaseDelay, retryMaxDelay);
            return new AwsTransport(this);
        }
    }
}
