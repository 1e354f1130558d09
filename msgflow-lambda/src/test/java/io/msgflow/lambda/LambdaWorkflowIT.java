package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.aws.AwsTransport;
import io.msgflow.codec.MessageCodec;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.internal.Json;
import io.msgflow.sink.Sink;
import io.msgflow.sink.WriteResult;
import io.msgflow.postgres.TestPostgres;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The functions end to end on real peers: fauxqs for SNS and SQS (filter policies, raw and envelope
 * delivery, redrive) and PostgreSQL (embedded) for the tables, wired from a {@link LambdaConfig} as
 * in a deployed function.
 */
class LambdaWorkflowIT {
    private static final String SCHEMA = "lambda_it";
    private static final String TOPIC = "lambda-it-topic";
    private static final String NOTIFICATIONS = "lambda-it-notifications";
    private static final String ALERTS = "lambda-it-alerts";
    private static final String NOTIFICATIONS_DLQ = "lambda-it-notifications-dlq";
    private static final Topology TOPOLOGY = Topology.builder(TOPIC)
            .queue(QueueSpec.builder(NOTIFICATIONS).visibilityTimeout(Duration.ofSeconds(5)).deadLetterQueue(NOTIFICATIONS_DLQ, 3).build())
            .queue(QueueSpec.builder(ALERTS).visibilityTimeout(Duration.ofSeconds(5)).deadLetterQueue("lambda-it-alerts-dlq", 3).build())
            .route(Route.toQueue(NOTIFICATIONS).filter(FilterPolicy.matchingTypes("message_type", "notification")))
            .route(Route.toQueue(ALERTS).filter(FilterPolicy.matchingTypes("message_type", "critical_alert")).delivery(Delivery.ENVELOPE))
            .build();

    private static AwsTransport admin;
    private static SqsClient sqs;
    private static LambdaConfig config;
    private static LambdaEnvironment environment;
    private static String notificationsUrl;
    private static String alertsUrl;

    @BeforeAll
    static void startPeers() {
        admin = Peers.transport();
        admin.provision(TOPOLOGY);
        sqs = admin.sqsClient();
        String topicArn = admin.snsClient().orElseThrow().listTopics().topics().stream().map(t -> t.topicArn())
                .filter(arn -> arn.endsWith(":" + TOPIC)).findFirst().orElseThrow();
        notificationsUrl = sqs.getQueueUrl(r -> r.queueName(NOTIFICATIONS)).queueUrl();
        alertsUrl = sqs.getQueueUrl(r -> r.queueName(ALERTS)).queueUrl();
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("notification", SCHEMA + ".notification_messages");
        tables.put("critical_alert", SCHEMA + ".critical_alerts");
        config = LambdaConfig.builder().mode(LambdaMode.LOCAL).region(Peers.REGION).endpoint(Peers.fauxqs()).credentials(Peers.credentials())
                .topicArn(topicArn).tables(tables).schemaSetup(SchemaSetup.CREATE_IF_MISSING).localDatabase(Peers.database(SCHEMA))
                .drainWait(Duration.ofSeconds(2)).drainMinMargin(Duration.ofSeconds(1)).build();
        environment = LambdaEnvironment.fromConfig(config);
    }

    @AfterAll
    static void stop() {
        environment.close();
        admin.close();
    }

    @BeforeEach
    void emptyQueuesAndTables() throws SQLException {
        for (String queue : List.of(NOTIFICATIONS, ALERTS, NOTIFICATIONS_DLQ)) {
            String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            sqs.purgeQueue(r -> r.queueUrl(url));
        }
        environment.sink();
        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + SCHEMA + ".notification_messages, " + SCHEMA + ".critical_alerts");
        }
    }

    private static List<String> rows(String table) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT message_id FROM " + SCHEMA + "." + table + " ORDER BY message_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static String body(String table, String messageId) throws SQLException {
        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body::text FROM " + SCHEMA + "." + table + " WHERE message_id = '" + messageId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void publishNotifications(String prefix, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(Message.builder().id(prefix + "-" + i).type("notification").body("{\"n\":" + i + "}").build());
        }
        MessagePublisher publisher = admin.publisher(TOPOLOGY);
        assertThat(publisher.publishAll(messages).allSucceeded()).isTrue();
    }

    @Test
    void publishFansOutByTypeAndTheDrainsStoreEachTypeInItsTable() throws Exception {
        PublishOutcome published = new PublishHandler(environment).publish(Json.MAPPER.createObjectNode().put("samples", 2));
        DrainQueueHandler drain = new DrainQueueHandler(environment);

        DrainResult notifications = drain.drain(DrainRequest.fromJson(Json.MAPPER.createObjectNode()
                .put("QueueUrl", notificationsUrl).put("MessageType", "notification")), TestContext.plenty());
        DrainResult alerts = drain.drain(DrainRequest.fromJson(Json.MAPPER.createObjectNode()
                .put("queueUrl", alertsUrl).put("messageType", "critical_alert")), TestContext.plenty());

        assertThat(published.messageIds()).hasSize(4);
        assertThat(published.failed()).isEmpty();
        assertThat(notifications).isEqualTo(new DrainResult(2, 0, 0, 0, 0, 0, DrainResult.StopReason.QUEUE_EMPTY));
        assertThat(alerts).as("alerts arrive in the SNS envelope").isEqualTo(new DrainResult(2, 0, 0, 0, 0, 0, DrainResult.StopReason.QUEUE_EMPTY));
        List<String> stored = new ArrayList<>(rows("notification_messages"));
        stored.addAll(rows("critical_alerts"));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(published.messageIds());
        JsonNode alertBody = Json.MAPPER.readTree(body("critical_alerts", rows("critical_alerts").get(0)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(alertBody.get("severity").asText()).as("the envelope's Message was stored, not the envelope").isEqualTo("critical");
    }

    @Test
    void theOldPublishersPlainTextIsStoredByTheDrainNotDeadLettered() throws SQLException {
        admin.snsClient().orElseThrow().publish(r -> r.topicArn(config.topicArn().orElseThrow())
                .message("This is a general notification 1.")
                .messageAttributes(Map.of("message_type", software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder()
                        .dataType("String").stringValue("notification").build())));
        waitForDepth(NOTIFICATIONS, 1);

        DrainResult result = new DrainQueueHandler(environment).drain(DrainRequest.of(notificationsUrl), TestContext.plenty());

        assertThat(result.processed()).isEqualTo(1);
        assertThat(result.deadLettered()).isZero();
        assertThat(rows("notification_messages")).singleElement()
                .satisfies(id -> assertThat(body("notification_messages", id)).isEqualTo("\"This is a general notification 1.\""));
    }

    @Test
    void validateRefusesAnOldShapeTableBeforeTheFirstWriteAndPassesTheStandardOnes() throws SQLException {
        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".old_notifications; CREATE TABLE " + SCHEMA + ".old_notifications"
                    + " (id serial PRIMARY KEY, message_id varchar(255) NOT NULL, message text NOT NULL, created_at timestamp NOT NULL)");
        }
        LambdaConfig oldTable = config.toBuilder().schemaSetup(SchemaSetup.VALIDATE)
                .tables(Map.of("notification", SCHEMA + ".old_notifications")).build();

        try (LambdaEnvironment old = LambdaEnvironment.fromConfig(oldTable);
             LambdaEnvironment standard = LambdaEnvironment.fromConfig(config.toBuilder().schemaSetup(SchemaSetup.VALIDATE).build())) {
            assertThatThrownBy(old::sink).isInstanceOf(io.msgflow.postgres.SchemaValidationException.class)
                    .hasMessageContaining("table lambda_it.old_notifications: column \"body\" (jsonb) is mapped but does not exist")
                    .hasMessageContaining("CREATE UNIQUE INDEX CONCURRENTLY \"old_notifications_message_id_key\"");
            assertThat(standard.sink()).isNotNull();
        }
    }

    @Test
    void aCrashAfterTheCommitAndBeforeTheAckIsRedeliveredAndStillMakesOneRow() throws Exception {
        publishNotifications("crash", 3);
        Sink real = environment.sink();
        java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
        Sink crashingOnce = records -> {
            WriteResult written = real.write(records);
            if (crashed.compareAndSet(false, true)) {
                throw new SqsBatchHandlerTest.CrashAfterCommit.Crash();
            }
            return written;
        };
        DrainResult result;
        try (LambdaEnvironment crashing = LambdaEnvironment.builder(config).sink(crashingOnce).build()) {
            result = new DrainQueueHandler(crashing).drain(DrainRequest.of(notificationsUrl), TestContext.plenty());
        }

        assertThat(result.failed()).as("the crash after the commit fails the records it carried, not the invocation").isEqualTo(3);
        assertThat(result.processed()).as("redelivered once their retry delay ended, acknowledged as duplicates").isEqualTo(3);
        assertThat(result.deadLettered()).isZero();
        assertThat(rows("notification_messages")).containsExactly("crash-1", "crash-2", "crash-3");
        assertThat(approximateDepth(NOTIFICATIONS)).isZero();
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueAfterMaxReceiveCountWithItsReason() throws Exception {
        publishNotifications("poison", 1);
        publishNotifications("fine", 1);
        List<String> attempts = new ArrayList<>();
        MessageHandler<Object> handler = (payload, context) -> {
            Message m = (Message) payload;
            attempts.add(m.id());
            if (m.id().startsWith("poison")) {
                throw new IllegalStateException("cannot handle " + m.id());
            }
            return m;
        };
        SqsBatchHandler function = new SqsBatchHandler(environment, queue -> MessageProcessor.builder(MessageCodec.builder().build())
                .fallback(handler).sink(environment.sink()).retryPolicy(environment.retryPolicy(queue)).build()) {
        };
        SqsEventSource lambda = new SqsEventSource(sqs, NOTIFICATIONS, notificationsUrl);

        for (int round = 0; round < 10 && attempts.stream().filter(id -> id.startsWith("poison")).count() < 3; round++) {
            SQSEvent event = lambda.poll(10, 5);
            lambda.complete(event, function.handleRequest(event, TestContext.plenty()));
        }

        assertThat(attempts).filteredOn(id -> id.startsWith("poison")).hasSize(3);
        assertThat(rows("notification_messages")).containsExactly("fine-1");
        String dlqUrl = sqs.getQueueUrl(r -> r.queueName(NOTIFICATIONS_DLQ)).queueUrl();
        List<software.amazon.awssdk.services.sqs.model.Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"n\":1}");
            assertThat(m.messageAttributes().get("msgflow_id").stringValue()).isEqualTo("poison-1");
            assertThat(m.messageAttributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue())
                    .isEqualTo("failed on all 3 attempts; last failure: IllegalStateException: cannot handle poison-1");
        });
        assertThat(approximateDepth(NOTIFICATIONS)).isZero();
    }

    @Test
    void aPartialBatchFailureReportsExactlyTheFailedIdsOverSqs() throws SQLException {
        publishNotifications("batch", 5);
        MessageHandler<Object> handler = (payload, context) -> {
            if (((Message) payload).id().equals("batch-3")) {
                throw new IllegalStateException("not now");
            }
            return payload;
        };
        SqsBatchHandler function = new SqsBatchHandler(environment, queue -> MessageProcessor.builder(MessageCodec.builder().build())
                .fallback(handler).sink(environment.sink()).retryPolicy(environment.retryPolicy(queue)).build()) {
        };
        SqsEventSource lambda = new SqsEventSource(sqs, NOTIFICATIONS, notificationsUrl);
        List<String> stored = new ArrayList<>();
        Set<String> reported = new java.util.HashSet<>();

        for (int round = 0; round < 5 && stored.size() + reported.size() < 5; round++) {
            SQSEvent event = lambda.poll(10, 2);
            SQSBatchResponse response = function.handleRequest(event, TestContext.plenty());
            String failingId = event.getRecords().stream()
                    .filter(r -> r.getMessageAttributes().get("msgflow_id").getStringValue().equals("batch-3"))
                    .map(SQSEvent.SQSMessage::getMessageId).findFirst().orElse(null);
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactlyElementsOf(failingId == null ? List.of() : List.of(failingId));
            reported.addAll(lambda.complete(event, response));
            stored.clear();
            stored.addAll(rows("notification_messages"));
        }

        assertThat(rows("notification_messages")).containsExactly("batch-1", "batch-2", "batch-4", "batch-5");
        assertThat(reported).hasSize(1);
    }

    @Test
    void theDrainHandsBackWhatItReceivedWhenTheDeadlineComesAndTheNextRunGetsIt() throws SQLException {
        publishNotifications("late", 15);
        waitForDepth(NOTIFICATIONS, 15);

        DrainResult late = new DrainQueueHandler(environment).drain(DrainRequest.of(notificationsUrl), TestContext.scripted(60_000, 500));

        assertThat(late.stopReason()).isEqualTo(DrainResult.StopReason.DEADLINE);
        assertThat(late.processed()).isZero();
        assertThat(late.handedBack()).isPositive();
        assertThat(late.remaining()).as("handed back at once, not after the 5 s visibility timeout").isEqualTo(15);
        assertThat(rows("notification_messages")).isEmpty();

        DrainResult next = new DrainQueueHandler(environment).drain(DrainRequest.of(notificationsUrl), TestContext.plenty());

        assertThat(next.processed()).isEqualTo(15);
        assertThat(rows("notification_messages")).hasSize(15);
    }

    @Test
    void theDrainStopsBeforeItsDeadline() throws SQLException {
        publishNotifications("deadline", 15);
        waitForDepth(NOTIFICATIONS, 15);

        DrainResult result = new DrainQueueHandler(environment).drain(DrainRequest.of(notificationsUrl),
                TestContext.scripted(60_000, 60_000, 900));

        assertThat(result.stopReason()).isEqualTo(DrainResult.StopReason.DEADLINE);
        assertThat(result.processed()).isBetween(1, 10);
        assertThat(result.remaining()).isEqualTo(15 - result.processed());
        assertThat(rows("notification_messages")).hasSize(result.processed());
    }

    private static int approximateDepth(String queue) {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static void waitForDepth(String queue, int depth) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (approximateDepth(queue) < depth && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(approximateDepth(queue)).isEqualTo(depth);
    }
}
