package io.msgflow.reliability;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.Peers;
import io.msgflow.internal.Durations;
import io.msgflow.postgres.DataSources;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.postgres.PoolOptions;
import io.msgflow.sink.Sink;
import io.msgflow.transport.MessageTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS transport on fauxqs (SNS + SQS) with a {@link JdbcSink} on embedded PostgreSQL, in real
 * time. Faults are real: an insert that terminates its own connection before the commit, and
 * the database server stopped and started again.
 */
final class FauxqsPostgresSetup implements Setup {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final Scale scale;
    private final ReliabilityDatabase database;
    private final String schema;
    private final AwsTransport transport;
    private final HikariDataSource pool;
    private final JdbcSink sink;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    FauxqsPostgresSetup(URI fauxqs, ReliabilityDatabase database, String schema, Scale scale) {
        this.scale = scale;
        this.database = database;
        this.schema = schema;
        this.transport = Peers.transport(fauxqs, AwsServices.SNS_AND_SQS).build();
        this.pool = DataSources.pooled(database.freshSchema(schema), PoolOptions.builder().concurrentWriters(6)
                .connectionTimeout(Duration.ofSeconds(1)).applicationName("msgflow-reliability").build());
        this.sink = JdbcSink.builder(pool).table("notification", ReliabilityDatabase.TABLES.get(0))
                .table("critical_alert", ReliabilityDatabase.TABLES.get(1)).build().createSchemaIfMissing();
        database.installConnectionKiller(schema);
    }

    @Override
    public MessageTransport transport() {
        return transport;
    }

    @Override
    public Sink sink() {
        return sink;
    }

    @Override
    public Map<String, Long> sinkRows() {
        return database.rowsById(schema);
    }

    @Override
    public long sinkCount() {
        return database.rows(schema);
    }

    @Override
    public int messagesOn(String queue) {
        String url = queueUrls.computeIfAbsent(queue, q -> transport.sqsClient().getQueueUrl(r -> r.queueName(q)).queueUrl());
        Map<QueueAttributeName, String> counts = transport.sqsClient().getQueueAttributes(r -> r.queueUrl(url).attributeNames(COUNTS))
                .attributes();
        return COUNTS.stream().mapToInt(name -> Integer.parseInt(counts.getOrDefault(name, "0"))).sum();
    }

    @Override
    public void failNextWrites(int writes) {
        database.killNextInserts(schema, writes);
    }

    @Override
    public void stopDatabase() {
        database.stop();
    }

    @Override
    public void startDatabase() {
        database.restart();
    }

    @Override
    public Duration visibilityTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration receiveWait() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration consumerWait() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void passTime(Duration duration) {
        sleep(duration);
    }

    @Override
    public void idle() {
        // the receive's long poll has waited already
    }

    @Override
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + Durations.format(timeout) + ": " + what);
            }
            sleep(POLL);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    @Override
    public int messages() {
        return scale.of(500);
    }

    @Override
    public int concurrentMessages() {
        return scale.of(10_000);
    }

    @Override
    public void close() {
        transport.close();
        pool.close();
    }
}
