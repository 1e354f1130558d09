package io.msgflow.examples.workflow;

import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import io.msgflow.postgres.JdbcSink;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.processing.RetryPolicy;
import io.msgflow.sink.Sink;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The messaging workflow, declared once: its message types, topic, queues, dead-letter queues,
 * routes, tables and processing. The local run is built from it, and {@code template.yaml} is
 * checked against it (TemplateTest fails when the stack's queues, redrive, subscriptions or filter
 * policies drift from what is declared here).
 *
 * <pre>
 * topic messages ──message_type = notification───► notifications-queue ──► notification_messages
 *                └─message_type = critical_alert─► alerts-queue        ──► critical_alerts
 *                  (each queue redrives to its -dlq after {@value #MAX_RECEIVE_COUNT} receives)
 * </pre>
 */
public final class Workflow {
    /** The topic every message is published to. */
    public static final String TOPIC = "messages";
    /** Receives of a message before it moves to its dead-letter queue; also the processor's attempts. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Of the two queues: six times the timeout of the function behind their event source mappings, as AWS advises. */
    public static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(6);
    /**
     * Of the two queues: a week, explicit rather than SQS's 4-day default, and shorter than the
     * dead-letter queues' so that a message SQS redrives (keeping its first enqueue time) still
     * has days left there.
     */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** Of the dead-letter queues: the SQS maximum, to leave time to look at what failed. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    public static final Lane NOTIFICATIONS =
            new Lane("notification", Notification.class, "notifications-queue", "notifications-dlq", "notification_messages");
    public static final Lane ALERTS =
            new Lane("critical_alert", CriticalAlert.class, "alerts-queue", "alerts-dlq", "critical_alerts");
    /** In the order of the state machine's branches. */
    public static final List<Lane> LANES = List.of(NOTIFICATIONS, ALERTS);

    public static final MessageCodec CODEC = codec();
    public static final Topology TOPOLOGY = topology();

    private Workflow() {
    }

    private static MessageCodec codec() {
        MessageCodec.Builder codec = MessageCodec.builder();
        LANES.forEach(lane -> codec.register(lane.payloadType(), lane.messageType()));
        return codec.build();
    }

    private static Topology topology() {
        Topology.Builder topology = Topology.builder(TOPIC);
        for (Lane lane : LANES) {
            topology.queue(QueueSpec.builder(lane.queue())
                            .visibilityTimeout(VISIBILITY_TIMEOUT)
                            .retention(RETENTION)
                            .deadLetterQueue(lane.deadLetterQueue(), MAX_RECEIVE_COUNT)
                            .build())
                    .queue(QueueSpec.builder(lane.deadLetterQueue()).retention(DEAD_LETTER_RETENTION).build())
                    .routeType(lane.messageType(), lane.queue());
        }
        return topology.build();
    }

    /**
     * The processor of both queues: decodes each message into its record and stores it as it came,
     * in the table of its type. A body that is not its type's JSON goes to the dead-letter queue at
     * once; a failed write is retried up to {@value #MAX_RECEIVE_COUNT} times.
     */
    public static MessageProcessor processor(Sink sink) {
        return MessageProcessor.builder(CODEC)
                .on(Notification.class, MessageHandler.store())
                .on(CriticalAlert.class, MessageHandler.store())
                .sink(sink)
                .retryPolicy(RetryPolicy.builder().maxAttempts(MAX_RECEIVE_COUNT).build())
                .wireFormat(TOPOLOGY.wireFormat())
                .build();
    }

    /** The sink of both tables, in msgflow's standard layout (idempotent on the message id). */
    public static JdbcSink sink(DataSource dataSource) {
        JdbcSink.Builder sink = JdbcSink.builder(dataSource);
        LANES.forEach(lane -> sink.table(lane.messageType(), lane.table()));
        return sink.build();
    }

    /** The table of each message type, in lane order: what the Lambda functions' {@code MSGFLOW_TABLES} must say. */
    public static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        LANES.forEach(lane -> tables.put(lane.messageType(), lane.table()));
        return tables;
    }

    /**
     * The sample run of the original workflow: {@code perType} notifications and {@code perType}
     * critical alerts, alternating, each with a fresh id.
     */
    public static List<Message> samples(int perType, Clock clock) {
        String now = clock.instant().toString();
        List<Message> messages = new ArrayList<>(2 * perType);
        for (int i = 1; i <= perType; i++) {
            messages.add(CODEC.encode(new Notification("Notification " + i, "Sample notification " + i + " of " + perType, now)));
            messages.add(CODEC.encode(new CriticalAlert("critical", "Sample critical alert " + i + " of " + perType, now)));
        }
        return messages;
    }
}
