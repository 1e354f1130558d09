package io.msgflow.lambda;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.HttpClientKind;
import io.msgflow.codec.MessageCodec;
import io.msgflow.internal.Check;
import io.msgflow.internal.Secrets;
import io.msgflow.lambda.internal.CredentialRefreshingSink;
import io.msgflow.lambda.internal.EnvVars;
import io.msgflow.lambda.internal.QueueAccess;
import io.msgflow.lambda.internal.QueueDirectory;
import io.msgflow.lambda.internal.ResourceNames;
import io.msgflow.lambda.internal.SecretCredentials;
import io.msgflow.lambda.internal.SecretsManagerSecret;
import io.msgflow.lambda.internal.SqsQueueDirectory;
import io.msgflow.lambda.internal.StoreByType;
import io.msgflow.lambda.internal.TopologyQueueDirectory;
import io.msgflow.postgres.DataSources;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.postgres.PoolOptions;
import io.msgflow.postgres.PostgresCredentials;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.sink.Sink;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageTransport;
import java.time.Clock;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What msgflow's handlers share within one Lambda container, built once: the SDK clients (through
 * one {@link AwsTransport} on the url-connection HTTP client, which starts fastest; SQS only when
 * no {@code TOPIC_ARN} is set), the topic
 * publisher, the queues met so far (their settings read from SQS once each), the database
 * credentials (read from the environment or, in {@link LambdaMode#AWS}, from Secrets Manager once,
 * and again when the database refuses them) and the connection pool with its {@link JdbcSink}. Parts are built when first needed, so a
 * publishing function never opens a database pool.
 *
 * <p>Handlers built with their no-argument constructor, as the Lambda runtime builds them, use
 * {@link #shared()}. <b>Threading:</b> thread-safe. The password never appears in a log line or an
 * exception message.
 */
public final class LambdaEnvironment implements AutoCloseable {
    private static final String DEFAULT_TOPIC = "msgflow";
    private static final MessageCodec NO_TYPES = MessageCodec.builder().build();
    private static volatile LambdaEnvironment shared;

    private final LambdaConfig config;
    private final MessageTransport transport;
    private final boolean ownsTransport;
    private final QueueDirectory queues;
    private final Clock clock;
    private final String topic;
    private final Object lock = new Object();
    private Sink sink;
    private boolean ownsSink;
    private PostgresCredentials credentials;
    private MessagePublisher publisher;

    private LambdaEnvironment(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.topic = config.topicArn().map(arn -> ResourceNames.parseArn(LambdaConfig.TOPIC_ARN, arn, "sns").name()).orElse(DEFAULT_TOPIC);
        this.sink = b.sink;
        if (b.transport != null) {
            this.transport = b.transport;
            this.ownsTransport = false;
            this.queues = new TopologyQueueDirectory(b.transport, b.topology, b.depth);
        } else {
            AwsTransport aws = awsTransport(config);
            this.transport = aws;
            this.ownsTransport = true;
            this.queues = new SqsQueueDirectory(aws, topic, config.wireFormat());
        }
    }

    private static AwsTransport awsTransport(LambdaConfig config) {
        // Without a topic the function only reads queues: no SNS client to build, a shorter cold start.
        AwsTransport.Builder b = AwsTransport.builder().httpClient(HttpClientKind.URL_CONNECTION)
                .services(config.topicArn().isPresent() ? AwsServices.SNS_AND_SQS : AwsServices.SQS_ONLY);
        Optional<ResourceNames.Arn> topicArn = config.topicArn().map(arn -> ResourceNames.parseArn(LambdaConfig.TOPIC_ARN, arn, "sns"));
        config.region().or(() -> topicArn.map(ResourceNames.Arn::region)).ifPresent(b::region);
        topicArn.ifPresent(arn -> b.accountId(arn.accountId()));
        config.endpoint().ifPresent(b::endpointOverride);
        config.credentials().ifPresent(b::credentialsProvider);
        return b.build();
    }

    /**
     * The environment of this container, built from {@link System#getenv()} on first use. A
     * configuration error is thrown again on every call (nothing half-built is kept), so each
     * invocation reports it.
     */
    public static LambdaEnvironment shared() {
        LambdaEnvironment env = shared;
        if (env == null) {
            synchronized (LambdaEnvironment.class) {
                if (shared == null) {
                    shared = fromConfig(LambdaConfig.fromEnvironment(System.getenv()));
                }
                env = shared;
            }
        }
        return env;
    }

    /** An environment on AWS (or the emulator at {@link LambdaConfig#endpoint()}) as the configuration says. */
    public static LambdaEnvironment fromConfig(LambdaConfig config) {
        return builder(config).build();
    }

    /** An environment with some parts supplied: another transport, a sink of your own, a clock. */
    public static Builder builder(LambdaConfig config) {
        return new Builder(config);
    }

    public LambdaConfig config() {
        return config;
    }

    /** The clock handlers measure batch times on. */
    public Clock clock() {
        return clock;
    }

    public MessageTransport transport() {
        return transport;
    }

    /** The publisher to the topic of {@code TOPIC_ARN}, built once. */
    public MessagePublisher publisher() {
        synchronized (lock) {
            if (publisher == null) {
                config.requireTopicArn();
                publisher = transport.publisher(Topology.builder(topic).wireFormat(config.wireFormat()).build());
            }
            return publisher;
        }
    }

    /**
     * The sink every handler writes to, built once: a {@link JdbcSink} with one table per type of
     * {@code MSGFLOW_TABLES} over a pool of one connection (one invocation writes at a time),
     * connecting with {@link LambdaConfig#databaseTls()}. With {@link SchemaSetup#CREATE_IF_MISSING}
     * it creates the missing tables first; with it and {@link SchemaSetup#VALIDATE} it checks every
     * table before the first write. In {@link LambdaMode#AWS} a refusal of the credentials
     * (SQLState 28P01, 28000) makes it read the secret again, once, and rebuild the pool, so a
     * changed password heals a warm container.
     */
    public Sink sink() {
        synchronized (lock) {
            if (sink == null) {
                sink = config.mode() == LambdaMode.AWS ? new CredentialRefreshingSink(this::connect) : connect(false);
                ownsSink = true;
            }
            return sink;
        }
    }

    private Sink connect(boolean rereadCredentials) {
        if (rereadCredentials) {
            synchronized (lock) {
                credentials = null;
            }
        }
        HikariDataSource pool = DataSources.pooled(databaseCredentials(),
                PoolOptions.builder().concurrentWriters(1).applicationName("msgflow-lambda").build(), config.databaseTls());
        try {
            JdbcSink.Builder builder = JdbcSink.builder(pool);
            config.requireTables().forEach(builder::table);
            return new PooledSink(prepared(builder.clock(clock).build()), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private JdbcSink prepared(JdbcSink jdbc) {
        switch (config.schemaSetup()) {
            case CREATE_IF_MISSING:
                return jdbc.createSchemaIfMissing();
            case VALIDATE:
                return jdbc.validateSchema();
            default:
                return jdbc;
        }
    }

    /** A sink with the pool it writes through, closed with it. */
    private record PooledSink(JdbcSink sink, HikariDataSource pool) implements Sink {
        @Override
        public io.msgflow.sink.WriteResult write(java.util.List<io.msgflow.sink.SinkRecord> records) {
            return sink.write(records);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * The database credentials, read once: from the {@code DB_*} variables in local mode, from the
     * Secrets Manager secret {@code DB_SECRET_NAME} otherwise (fields it lacks but the password
     * from {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_NAME}).
     */
    public PostgresCredentials databaseCredentials() {
        synchronized (lock) {
            if (credentials == null) {
                credentials = config.mode() == LambdaMode.LOCAL ? PostgresCredentials.fromEnvironment(config.localDatabase())
                        : SecretCredentials.of(secretName(), SecretsManagerSecret.read(config, secretName()), config.localDatabase());
            }
            return credentials;
        }
    }

    private String secretName() {
        return config.dbSecretName().orElseThrow(() -> EnvVars.missing(LambdaConfig.DB_SECRET_NAME,
                "the Secrets Manager secret with the database credentials, in AWS mode"));
    }

    /**
     * The retry policy for a queue: msgflow's defaults, with as many attempts as the queue's
     * {@code maxReceiveCount}, so the last failure is dead-lettered with its reason rather than
     * moved by SQS without one.
     */
    public RetryPolicy retryPolicy(QueueSpec queue) {
        int attempts = queue.redrive().map(RedrivePolicy::maxReceiveCount).orElse(RetryPolicy.defaults().maxAttempts());
        return RetryPolicy.builder().maxAttempts(attempts).build();
    }

    QueueAccess queue(String name, Optional<String> url) {
        return queues.queue(name, url);
    }

    /** The generic processor: stores every message in its type's table; a drain may expect one type. */
    MessageProcessor storeProcessor(QueueSpec queue, Optional<String> expectedType) {
        return MessageProcessor.builder(NO_TYPES)
                .fallback(new StoreByType(config.requireTables().keySet(), expectedType))
                .sink(sink())
                .retryPolicy(retryPolicy(queue))
                .wireFormat(config.wireFormat())
                .clock(clock)
                .build();
    }

    /** Closes the pool and the SDK clients this environment built; supplied parts stay open. */
    @Override
    public void close() {
        synchronized (lock) {
            if (ownsSink) {
                sink.close();
            }
            if (ownsTransport) {
                transport.close();
            }
        }
    }

    @Override
    public String toString() {
        return Secrets.mask("LambdaEnvironment{" + config + ", transport=" + transport + "}");
    }

    /** Builds a {@link LambdaEnvironment}; not thread-safe. */
    public static final class Builder {
        private final LambdaConfig config;
        private MessageTransport transport;
        private Topology topology;
        private ToIntFunction<String> depth;
        private Sink sink;
        private Clock clock = Clock.systemUTC();

        private Builder(LambdaConfig config) {
            this.config = Check.notNull("config", config);
        }

        /**
         * Another transport than AWS (the in-memory one for tests and local runs): the queues a
         * handler meets must be declared in {@code topology}, and {@code depth} tells how many
         * messages a queue holds. The environment does not close it.
         */
        public Builder transport(MessageTransport value, Topology topology, ToIntFunction<String> depth) {
            this.transport = Check.notNull("transport", value);
            this.topology = Check.notNull("topology", topology);
            this.depth = Check.notNull("depth", depth);
            if (!topology.wireFormat().typeAttribute().equals(config.wireFormat().typeAttribute())) {
                throw new InvalidConfigurationException("topology", "the topology's wire format " + topology.wireFormat()
                        + " must match the configuration's " + config.wireFormat());
            }
            return this;
        }

        /** A sink of your own instead of the {@link JdbcSink} of the configuration; the environment does not close it. */
        public Builder sink(Sink value) {
            this.sink = Check.notNull("sink", value);
            return this;
        }

        /** The clock batch times are measured on; the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Check.notNull("clock", value);
            return this;
        }

        public LambdaEnvironment build() {
            return new LambdaEnvironment(this);
        }
    }
}
