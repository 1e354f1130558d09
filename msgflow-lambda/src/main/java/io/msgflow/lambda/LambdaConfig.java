package io.msgflow.lambda;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.WireFormat;
import io.msgflow.internal.Check;
import io.msgflow.internal.Secrets;
import io.msgflow.lambda.internal.EnvVars;
import io.msgflow.lambda.internal.ResourceNames;
import io.msgflow.postgres.PostgresTls;
import io.msgflow.postgres.TableMapping;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The configuration of msgflow's Lambda functions, normally read from environment variables by
 * {@link #fromEnvironment(Map)}. Immutable; every value is checked when it is set, and a variable
 * a handler needs but that is missing is named in the exception the handler's constructor throws.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code ENVIRONMENT}</td><td>{@code local}: {@link LambdaMode#LOCAL}; anything else {@link LambdaMode#AWS}</td><td>AWS</td></tr>
 * <tr><td>{@code AWS_REGION}</td><td>region of the SDK clients (Lambda sets it)</td><td>the SDK's region chain</td></tr>
 * <tr><td>{@code AWS_ENDPOINT_URL}</td><td>one endpoint for SNS, SQS and Secrets Manager (an emulator)</td><td>AWS's</td></tr>
 * <tr><td>{@code TOPIC_ARN}</td><td>the topic {@link PublishHandler} publishes to</td><td>required there</td></tr>
 * <tr><td>{@code QUEUE_URLS}</td><td>comma-separated queues {@link DrainQueueHandler} may drain; with one, the input may omit it</td><td>any queue</td></tr>
 * <tr><td>{@code DB_SECRET_NAME}</td><td>AWS mode: Secrets Manager secret (name or ARN) holding the {@code password} and any of {@code host, port, username, database}</td><td>required to store</td></tr>
 * <tr><td>{@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME}</td><td>local mode: the database; AWS mode: what the secret lacks, never the password</td><td>port 5432; required to store</td></tr>
 * <tr><td>{@code MSGFLOW_DB_SSLMODE}</td><td>{@code verify-full} (TLS, the server's certificate checked against the CA bundle and the host), or {@code disable} (local mode only)</td><td>AWS mode: verify-full; local mode: as the connection says</td></tr>
 * <tr><td>{@code MSGFLOW_DB_CA_BUNDLE}</td><td>path of a PEM CA bundle that verify-full trusts instead of the Amazon RDS bundle in the jar</td><td>the RDS bundle</td></tr>
 * <tr><td>{@code MSGFLOW_TABLES}</td><td>{@code type=table,type=table}: the table of each message type</td><td>required to store</td></tr>
 * <tr><td>{@code MSGFLOW_SCHEMA}</td><td>{@link SchemaSetup}</td><td>EXISTING</td></tr>
 * <tr><td>{@code MSGFLOW_FIFO_FAILURE_MODE}</td><td>{@link FifoFailureMode}</td><td>STOP_AT_FIRST_FAILURE</td></tr>
 * <tr><td>{@code MSGFLOW_RETRY_VISIBILITY}</td><td>{@link RetryVisibility}</td><td>BACKOFF</td></tr>
 * <tr><td>{@code MSGFLOW_DRAIN_WAIT}</td><td>long-poll wait of each drain receive, 0 to 20 s</td><td>20s</td></tr>
 * <tr><td>{@code MSGFLOW_DRAIN_MIN_MARGIN}</td><td>least time a drain leaves before the function's deadline, 1 s to 5 min</td><td>10s</td></tr>
 * </table>
 *
 * <p>The database password is never part of this object: it stays in the environment (local mode)
 * or in Secrets Manager until the connection pool is built.
 */
public final class LambdaConfig {
    public static final String ENVIRONMENT = "ENVIRONMENT";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String TOPIC_ARN = "TOPIC_ARN";
    public static final String QUEUE_URLS = "QUEUE_URLS";
    public static final String DB_SECRET_NAME = "DB_SECRET_NAME";
    public static final String TABLES = "MSGFLOW_TABLES";
    public static final String DB_SSLMODE = "MSGFLOW_DB_SSLMODE";
    public static final String DB_CA_BUNDLE = "MSGFLOW_DB_CA_BUNDLE";
    public static final String SCHEMA = "MSGFLOW_SCHEMA";
    public static final String FIFO_FAILURE_MODE = "MSGFLOW_FIFO_FAILURE_MODE";
    public static final String RETRY_VISIBILITY = "MSGFLOW_RETRY_VISIBILITY";
    public static final String DRAIN_WAIT = "MSGFLOW_DRAIN_WAIT";
    public static final String DRAIN_MIN_MARGIN = "MSGFLOW_DRAIN_MIN_MARGIN";

    static final Duration MAX_WAIT = Duration.ofSeconds(20);
    static final Duration MIN_MARGIN = Duration.ofSeconds(1);
    static final Duration MAX_MARGIN = Duration.ofMinutes(5);
    private static final List<String> DATABASE_VARIABLES = List.of("DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD", "DB_NAME");

    private final LambdaMode mode;
    private final String region;
    private final URI endpoint;
    private final String topicArn;
    private final List<String> queueUrls;
    private final String dbSecretName;
    private final Map<String, String> localDatabase;
    private final Map<String, String> tables;
    private final SchemaSetup schemaSetup;
    private final FifoFailureMode fifoFailureMode;
    private final RetryVisibility retryVisibility;
    private final Duration drainWait;
    private final Duration drainMinMargin;
    private final WireFormat wireFormat;
    private final AwsCredentialsProvider credentials;
    private final PostgresTls databaseTls;
    private final PostgresTls databaseTlsSetting;

    private LambdaConfig(Builder b) {
        this.mode = b.mode;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.topicArn = b.topicArn;
        this.queueUrls = List.copyOf(b.queueUrls);
        this.dbSecretName = b.dbSecretName;
        this.localDatabase = Collections.unmodifiableMap(new TreeMap<>(b.localDatabase));
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(b.tables));
        this.schemaSetup = b.schemaSetup;
        this.fifoFailureMode = b.fifoFailureMode;
        this.retryVisibility = b.retryVisibility;
        this.drainWait = b.drainWait;
        this.drainMinMargin = b.drainMinMargin;
        this.wireFormat = b.wireFormat;
        this.credentials = b.credentials;
        this.databaseTlsSetting = b.databaseTls;
        this.databaseTls = b.databaseTls != null ? b.databaseTls
                : mode == LambdaMode.AWS ? PostgresTls.rdsVerifyFull() : PostgresTls.asUrlSays();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration the given environment variables describe (see the class comment).
     *
     * @throws InvalidConfigurationException naming the variable whose value breaks its rule
     */
    public static LambdaConfig fromEnvironment(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        Builder b = builder()
                .mode(env.optional(ENVIRONMENT).filter(v -> v.equalsIgnoreCase("local")).isPresent() ? LambdaMode.LOCAL : LambdaMode.AWS)
                .schemaSetup(env.enumValue(SCHEMA, SchemaSetup.class, SchemaSetup.EXISTING))
                .fifoFailureMode(env.enumValue(FIFO_FAILURE_MODE, FifoFailureMode.class, FifoFailureMode.STOP_AT_FIRST_FAILURE))
                .retryVisibility(env.enumValue(RETRY_VISIBILITY, RetryVisibility.class, RetryVisibility.BACKOFF))
                .drainWait(env.duration(DRAIN_WAIT, MAX_WAIT, Duration.ZERO, MAX_WAIT))
                .drainMinMargin(env.duration(DRAIN_MIN_MARGIN, Duration.ofSeconds(10), MIN_MARGIN, MAX_MARGIN));
        env.optional(AWS_REGION).ifPresent(b::region);
        env.optional(AWS_ENDPOINT_URL).ifPresent(v -> b.endpoint(parseEndpoint(v)));
        env.optional(TOPIC_ARN).ifPresent(b::topicArn);
        env.optional(QUEUE_URLS).ifPresent(v -> b.queueUrls(splitList(v)));
        env.optional(DB_SECRET_NAME).ifPresent(b::dbSecretName);
        env.optional(TABLES).ifPresent(v -> b.tables(parseTables(v)));
        databaseTls(env).ifPresent(b::databaseTls);
        Map<String, String> database = new LinkedHashMap<>();
        DATABASE_VARIABLES.forEach(name -> env.optional(name).ifPresent(value -> database.put(name, value)));
        return b.localDatabase(database).build();
    }

    private static Optional<PostgresTls> databaseTls(EnvVars env) {
        Optional<String> sslMode = env.optional(DB_SSLMODE);
        Optional<String> bundle = env.optional(DB_CA_BUNDLE);
        if (sslMode.isEmpty()) {
            return bundle.map(path -> caBundle(path));
        }
        switch (sslMode.get().toLowerCase(java.util.Locale.ROOT)) {
            case "verify-full":
                return Optional.of(bundle.map(path -> caBundle(path)).orElse(PostgresTls.rdsVerifyFull()));
            case "disable":
                if (bundle.isPresent()) {
                    throw EnvVars.invalid(DB_SSLMODE, "must be verify-full when `" + DB_CA_BUNDLE + "` is set", sslMode.get());
                }
                return Optional.of(PostgresTls.disabled());
            default:
                throw EnvVars.invalid(DB_SSLMODE, "must be verify-full or disable", sslMode.get());
        }
    }

    private static PostgresTls caBundle(String path) {
        try {
            return PostgresTls.verifyFull(java.nio.file.Path.of(path));
        } catch (InvalidConfigurationException | java.nio.file.InvalidPathException e) {
            throw EnvVars.invalid(DB_CA_BUNDLE, "must be the path of a readable PEM file of CA certificates", path);
        }
    }

    private static URI parseEndpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the rule
        }
        throw EnvVars.invalid(AWS_ENDPOINT_URL, "must be an absolute http(s) URL such as http://127.0.0.1:4566", value);
    }

    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Map<String, String> parseTables(String value) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String entry : splitList(value)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw EnvVars.invalid(TABLES, "must be a comma-separated list of type=table such as "
                        + "notification=notification_messages,critical_alert=critical_alerts", value);
            }
            String type = entry.substring(0, eq).trim();
            if (tables.put(type, entry.substring(eq + 1).trim()) != null) {
                throw EnvVars.invalid(TABLES, "must map each message type once, but maps '" + type + "' twice", value);
            }
        }
        return tables;
    }

    public LambdaMode mode() {
        return mode;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The endpoint of an emulator, when one is used instead of AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Optional<String> topicArn() {
        return Optional.ofNullable(topicArn);
    }

    /** The topic ARN, or an exception naming {@code TOPIC_ARN}. */
    public String requireTopicArn() {
        return topicArn().orElseThrow(() -> EnvVars.missing(TOPIC_ARN, "the SNS topic to publish to"));
    }

    /** The queues a drain may read; empty means any. */
    public List<String> queueUrls() {
        return queueUrls;
    }

    public Optional<String> dbSecretName() {
        return Optional.ofNullable(dbSecretName);
    }

    /** The {@code DB_*} variables of local mode, without the password. */
    public Map<String, String> localDatabaseSettings() {
        Map<String, String> shown = new TreeMap<>(localDatabase);
        shown.remove("DB_PASSWORD");
        return shown;
    }

    /** The {@code DB_*} variables of local mode, password included: only for building credentials. */
    Map<String, String> localDatabase() {
        return localDatabase;
    }

    /** The table of each message type, in configuration order. */
    public Map<String, String> tables() {
        return tables;
    }

    /** The tables, or an exception naming {@code MSGFLOW_TABLES}. */
    public Map<String, String> requireTables() {
        if (tables.isEmpty()) {
            throw EnvVars.missing(TABLES, "the table of each message type, e.g. notification=notification_messages");
        }
        return tables;
    }

    public SchemaSetup schemaSetup() {
        return schemaSetup;
    }

    public FifoFailureMode fifoFailureMode() {
        return fifoFailureMode;
    }

    public RetryVisibility retryVisibility() {
        return retryVisibility;
    }

    /** Long-poll wait of each receive of a drain. */
    public Duration drainWait() {
        return drainWait;
    }

    /** Least time a drain leaves before the function's deadline. */
    public Duration drainMinMargin() {
        return drainMinMargin;
    }

    public WireFormat wireFormat() {
        return wireFormat;
    }

    /** How the database connections use TLS: verify-full against the RDS CA bundle by default in AWS mode. */
    public PostgresTls databaseTls() {
        return databaseTls;
    }

    /** Credentials of the SDK clients; the SDK's default chain (the function's role) when empty. */
    public Optional<AwsCredentialsProvider> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.region = region;
        b.endpoint = endpoint;
        b.topicArn = topicArn;
        b.queueUrls = queueUrls;
        b.dbSecretName = dbSecretName;
        b.localDatabase = localDatabase;
        b.tables = tables;
        b.schemaSetup = schemaSetup;
        b.fifoFailureMode = fifoFailureMode;
        b.retryVisibility = retryVisibility;
        b.drainWait = drainWait;
        b.drainMinMargin = drainMinMargin;
        b.wireFormat = wireFormat;
        b.credentials = credentials;
        b.databaseTls = databaseTlsSetting;
        return b;
    }

    @Override
    public String toString() {
        return Secrets.mask("LambdaConfig{mode=" + mode + ", region=" + region + ", endpoint=" + endpoint + ", topicArn=" + topicArn
                + ", queueUrls=" + queueUrls + ", dbSecretName=" + dbSecretName + ", localDatabase=" + localDatabaseSettings()
                + ", tables=" + tables + ", schemaSetup=" + schemaSetup + ", fifoFailureMode=" + fifoFailureMode
                + ", retryVisibility=" + retryVisibility + ", drainWait=" + drainWait + ", drainMinMargin=" + drainMinMargin
                + ", databaseTls=" + databaseTls + "}");
    }

    /** Builds a {@link LambdaConfig}; each setter checks its rule. Not thread-safe. */
    public static final class Builder {
        private LambdaMode mode = LambdaMode.AWS;
        private String region;
        private URI endpoint;
        private String topicArn;
        private List<String> queueUrls = List.of();
        private String dbSecretName;
        private Map<String, String> localDatabase = Map.of();
        private Map<String, String> tables = Map.of();
        private SchemaSetup schemaSetup = SchemaSetup.EXISTING;
        private FifoFailureMode fifoFailureMode = FifoFailureMode.STOP_AT_FIRST_FAILURE;
        private RetryVisibility retryVisibility = RetryVisibility.BACKOFF;
        private Duration drainWait = MAX_WAIT;
        private Duration drainMinMargin = Duration.ofSeconds(10);
        private WireFormat wireFormat = WireFormat.defaults();
        private AwsCredentialsProvider credentials;
        private PostgresTls databaseTls;

        private Builder() {
        }

        public Builder mode(LambdaMode value) {
            this.mode = Check.notNull("mode", value);
            return this;
        }

        /** An AWS region name such as {@code eu-west-1}. */
        public Builder region(String value) {
            this.region = Check.matches(AWS_REGION, value, java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d"),
                    "must be an AWS region name such as eu-west-1");
            return this;
        }

        public Builder endpoint(URI value) {
            this.endpoint = Check.notNull(AWS_ENDPOINT_URL, value);
            return this;
        }

        /** An SNS topic ARN; its region and account build the ARN without a lookup. */
        public Builder topicArn(String value) {
            ResourceNames.parseArn(TOPIC_ARN, value, "sns");
            this.topicArn = value;
            return this;
        }

        public Builder queueUrls(List<String> values) {
            values.forEach(url -> ResourceNames.queueNameOfUrl(QUEUE_URLS, url));
            this.queueUrls = List.copyOf(values);
            return this;
        }

        public Builder dbSecretName(String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidConfigurationException(DB_SECRET_NAME, "`" + DB_SECRET_NAME + "` must be a secret name or ARN, but was blank");
            }
            this.dbSecretName = value;
            return this;
        }

        /** The {@code DB_*} variables of local mode, read by {@code PostgresCredentials.fromEnvironment}. */
        public Builder localDatabase(Map<String, String> variables) {
            this.localDatabase = Map.copyOf(variables);
            return this;
        }

        /** The table of each message type; each table name is checked as {@code TableMapping} does. */
        public Builder tables(Map<String, String> value) {
            value.forEach((type, table) -> {
                if (type.isBlank()) {
                    throw new InvalidConfigurationException(TABLES, "`" + TABLES + "` must name a message type before each '=', but one was blank");
                }
                try {
                    TableMapping.standard(table);
                } catch (InvalidConfigurationException e) {
                    throw new InvalidConfigurationException(TABLES, "`" + TABLES + "`, table of type '" + type + "': " + e.getMessage());
                }
            });
            this.tables = new LinkedHashMap<>(value);
            return this;
        }

        public Builder schemaSetup(SchemaSetup value) {
            this.schemaSetup = Check.notNull(SCHEMA, value);
            return this;
        }

        public Builder fifoFailureMode(FifoFailureMode value) {
            this.fifoFailureMode = Check.notNull(FIFO_FAILURE_MODE, value);
            return this;
        }

        public Builder retryVisibility(RetryVisibility value) {
            this.retryVisibility = Check.notNull(RETRY_VISIBILITY, value);
            return this;
        }

        /** 0 to 20 s; default 20 s, as the original function's long poll. */
        public Builder drainWait(Duration value) {
            this.drainWait = Check.between(DRAIN_WAIT, value, Duration.ZERO, MAX_WAIT);
            return this;
        }

        /** 1 s to 5 min; default 10 s. */
        public Builder drainMinMargin(Duration value) {
            this.drainMinMargin = Check.between(DRAIN_MIN_MARGIN, value, MIN_MARGIN, MAX_MARGIN);
            return this;
        }

        /** Must match the publishers'; default {@link WireFormat#defaults()} ({@code message_type}, {@code msgflow_id}). */
        public Builder wireFormat(WireFormat value) {
            this.wireFormat = Check.notNull("wireFormat", value);
            return this;
        }

        /** Explicit credentials (an emulator's dummy ones); the SDK's default chain when unset. */
        public Builder credentials(AwsCredentialsProvider value) {
            this.credentials = Check.notNull("credentials", value);
            return this;
        }

        /**
         * How database connections use TLS; by default verify-full against the Amazon RDS CA bundle
         * in AWS mode, and as the connection says in local mode. {@link PostgresTls#disabled()} is
         * refused in AWS mode.
         */
        public Builder databaseTls(PostgresTls value) {
            this.databaseTls = Check.notNull(DB_SSLMODE, value);
            return this;
        }

        public LambdaConfig build() {
            if (mode == LambdaMode.AWS && databaseTls != null && databaseTls.mode() == PostgresTls.Mode.DISABLED) {
                throw new InvalidConfigurationException(DB_SSLMODE, "`" + DB_SSLMODE + "` must be verify-full in AWS mode (the credentials"
                        + " cross the network), but was disable; plain connections are allowed in local mode only");
            }
            return new LambdaConfig(this);
        }
    }
}
