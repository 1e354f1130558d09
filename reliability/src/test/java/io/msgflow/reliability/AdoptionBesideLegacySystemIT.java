package io.msgflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.Message;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.LegacySystem;
import io.msgflow.aws.peers.Peers;
import io.msgflow.codec.MessageCodec;
import io.msgflow.postgres.ColumnType;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.postgres.SchemaValidationException;
import io.msgflow.postgres.TableMapping;
import io.msgflow.postgres.TestPostgres;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adopting msgflow beside the system it replaces, on fauxqs and an embedded PostgreSQL, the old
 * system played by the plain AWS SDK exactly as it runs: SNS {@code Publish} of plain text with one
 * String attribute {@code message_type}; envelope delivery; queues without a dead-letter queue;
 * tables with a serial key, the SQS MessageId, the text, a {@code created_at} without default and
 * no unique key, holding the old consumer's rows (a redelivery stored twice included). msgflow
 * attaches without creating anything, and both consumers then share the queues, one row per
 * message. The steps of {@code docs/adopting.md}.
 */
class AdoptionBesideLegacySystemIT {
    private static final Pattern READ_ONLY = Pattern.compile("(SNS|SQS)\\.(Get|List)[A-Za-z]+");
    private static final String OLD_TABLE = "(id serial PRIMARY KEY, message_id varchar(255) NOT NULL, message text NOT NULL,"
            + " created_at timestamp NOT NULL)";

    private static FauxqsServer fauxqs;
    private static AwsTransport admin;
    private static HikariDataSource pool;
    private static LegacySystem legacy;
    private static String notifications;
    private static String alerts;
    private static String topic;

    @BeforeAll
    static void theOldSystemRuns() throws SQLException {
        fauxqs = FauxqsServer.start();
        admin = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topic = "messages-topic-" + suffix;
        notifications = "notifications-queue-" + suffix;
        alerts = "alerts-queue-" + suffix;
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put("notification", notifications);
        queues.put("critical_alert", alerts);
        legacy = LegacySystem.create(admin.snsClient().orElseThrow(), admin.sqsClient(), topic, queues);
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema("adoption_it"), 2);
        execute("CREATE TABLE notification_messages " + OLD_TABLE + "; CREATE TABLE critical_alerts " + OLD_TABLE + ";"
                + "INSERT INTO notification_messages (message_id, message, created_at) VALUES"
                + " ('sqs-old-1', 'This is a general notification 0.', '2026-11-01 10:00'),"
                + " ('sqs-old-1', 'This is a general notification 0.', '2026-11-01 10:05')");
    }

    @AfterAll
    static void stop() {
        pool.close();
        admin.close();
        fauxqs.close();
    }

    /** What msgflow declares: the old queues, no dead-letter queue, envelope delivery as the old subscriptions have it. */
    private static Topology topology() {
        // snippet:topology
        return Topology.builder(topic).queue(notifications).queue(alerts)
                .routeType("notification", notifications, Delivery.ENVELOPE)
                .routeType("critical_alert", alerts, Delivery.ENVELOPE)
                .build();
        // end-snippet
    }

    private static AwsTransport attached() {
        // snippet:attach
        return Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).topicArn(legacy.topicArn())
                .queueUrl(legacy.queueUrl("notification")).queueUrl(legacy.queueUrl("critical_alert")).build();
        // end-snippet
    }

    private static TableMapping oldShape(String table) {
        // snippet:mapping
        return TableMapping.builder(table).idColumn("message_id").recordId(RecordId.SQS_MESSAGE_ID)
                .column("message", ColumnType.TEXT, SinkRecord::body).writeTimeColumn("created_at", ColumnType.TIMESTAMP).build();
        // end-snippet
    }

    @Test
    void msgflowAttachedWithoutCreatingAnythingConsumesBesideTheOldConsumerOneRowPerMessage() throws SQLException {
        try (AwsTransport transport = attached()) {
            // 1. attach: verify the old resources with read calls only
            Topology topology = topology();
            // snippet:verify
            ProvisioningReport report = transport.verify(topology);
            // end-snippet
            assertThat(report.warnings()).extracting(ProvisioningReport.Warning::name).containsExactlyInAnyOrder(notifications, alerts);
            assertThat(transport.requestCounter().snapshot().keySet()).allSatisfy(a -> assertThat(a).matches(READ_ONLY));

            // 2. the old tables: validated, fixed with the SQL the error gives, validated again
            JdbcSink sink = JdbcSink.builder(pool).table("notification", oldShape("notification_messages"))
                    .table("critical_alert", oldShape("critical_alerts")).build();
            // snippet:validate
            SchemaValidationException invalid = catchThrowableOfType(SchemaValidationException.class, sink::validateSchema);
            runOneByOne(invalid.fixSql());
            sink.validateSchema();
            // end-snippet

            // 3. the old publisher publishes; the old consumer and msgflow share the queues
            for (int i = 1; i <= 3; i++) {
                legacy.publish("notification", "This is a general notification " + i + ".");
                legacy.publish("critical_alert", "This is a critical alert " + i + ".");
            }
            List<LegacySystem.Consumed> byOldConsumer = awaitOldConsumer("notification", 1);
            oldConsumerStores("notification_messages", byOldConsumer);
            // snippet:processor
            MessageProcessor processor = MessageProcessor.builder(MessageCodec.builder().register(String.class, "notification")
                            .register(String.class, "critical_alert").build()).sink(sink)
                    .on("notification", String.class, MessageHandler.store())
                    .on("critical_alert", String.class, MessageHandler.store())
                    .build();
            // end-snippet
            int processed = drain(processor, transport.source(topology, notifications), 3 - byOldConsumer.size())
                    + drain(processor, transport.source(topology, alerts), 3);

            assertThat(processed).isEqualTo(6 - byOldConsumer.size());
            assertThat(rows("notification_messages")).containsExactly(
                    "This is a general notification 0.", "This is a general notification 1.", "This is a general notification 2.",
                    "This is a general notification 3.");
            assertThat(rows("critical_alerts")).containsExactly(
                    "This is a critical alert 1.", "This is a critical alert 2.", "This is a critical alert 3.");
            assertThat(query("SELECT count(DISTINCT message_id) = count(*) FROM notification_messages")).isEqualTo("t");

            // 4. the old consumer reads what msgflow publishes, as it reads the old publisher's
            MessageCodec text = MessageCodec.builder().register(String.class, "notification").build();
            transport.publisher(topology).publish(text.encode("This is a general notification 4."));
            assertThat(awaitOldConsumer("notification", 1)).extracting(LegacySystem.Consumed::message)
                    .containsExactly("This is a general notification 4.");
            assertThat(transport.requestCounter().snapshot()).doesNotContainKeys("SNS.ListTopics", "SQS.GetQueueUrl",
                    "SNS.CreateTopic", "SQS.CreateQueue", "SNS.Subscribe", "SNS.SetSubscriptionAttributes", "SQS.SetQueueAttributes");
        }
    }

    private static List<LegacySystem.Consumed> awaitOldConsumer(String type, int atLeast) {
        List<LegacySystem.Consumed> consumed = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (consumed.size() < atLeast && System.nanoTime() < deadline) {
            consumed.addAll(legacy.consumeOnce(type, 1));
        }
        assertThat(consumed).as("the old consumer received").hasSizeGreaterThanOrEqualTo(atLeast);
        return consumed;
    }

    private static int drain(MessageProcessor processor, MessageSource source, int expected) {
        int processed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processed < expected && System.nanoTime() < deadline) {
            List<ReceivedMessage> batch = source.receive(10, Duration.ofSeconds(1));
            if (!batch.isEmpty()) {
                BatchResult result = processor.processAndSettle(batch, source);
                assertThat(result.deadLettered()).as("dead-lettered").isEmpty();
                processed += result.acked().size();
            }
        }
        return processed;
    }

    /** The old consumer's insert: the SQS MessageId, the envelope's Message, now(). */
    private static void oldConsumerStores(String table, List<LegacySystem.Consumed> consumed) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (message_id, message, created_at) VALUES (?, ?, now())")) {
            for (LegacySystem.Consumed m : consumed) {
                insert.setString(1, m.sqsMessageId());
                insert.setString(2, m.message());
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static List<String> rows(String table) {
        List<String> rows = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT message FROM " + table + " ORDER BY message")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String query(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        }
    }

    /** The fix SQL as an operator runs it: each statement on its own, auto-commit. */
    private static void runOneByOne(String fixSql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : fixSql.replaceAll("(?m)^--.*\\R", "").split(";\\R?")) {
                if (!statement.isBlank()) {
                    s.execute(statement.trim());
                }
            }
        }
    }
}
