package io.msgflow.lambda;

import io.msgflow.filter.FilterPolicy;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.sink.Sink;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The workflow's topology and configuration, on the in-memory transport. */
final class Fixtures {
    static final String TOPIC = "messages-topic";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:" + TOPIC;
    static final String NOTIFICATIONS = "notifications-queue";
    static final String ALERTS = "alerts-queue";
    static final String NOTIFICATIONS_DLQ = "notifications-dlq";
    static final String ALERTS_DLQ = "alerts-dlq";
    static final int MAX_RECEIVE_COUNT = 3;

    private Fixtures() {
    }

    /** Notifications arrive raw, alerts in the SNS envelope; both with a dead-letter queue after 3 receives. */
    static Topology topology() {
        return Topology.builder(TOPIC)
                .queue(QueueSpec.builder(NOTIFICATIONS).visibilityTimeout(Duration.ofSeconds(30))
                        .deadLetterQueue(NOTIFICATIONS_DLQ, MAX_RECEIVE_COUNT).build())
                .queue(QueueSpec.builder(ALERTS).visibilityTimeout(Duration.ofSeconds(30))
                        .deadLetterQueue(ALERTS_DLQ, MAX_RECEIVE_COUNT).build())
                .route(Route.toQueue(NOTIFICATIONS).filter(FilterPolicy.matchingTypes("message_type", "notification")))
                .route(Route.toQueue(ALERTS).filter(FilterPolicy.matchingTypes("message_type", "critical_alert"))
                        .delivery(Delivery.ENVELOPE))
                .build();
    }

    static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("notification", "notification_messages");
        tables.put("critical_alert", "critical_alerts");
        return tables;
    }

    static LambdaConfig.Builder config() {
        return LambdaConfig.builder().mode(LambdaMode.LOCAL).topicArn(TOPIC_ARN).tables(tables()).drainWait(Duration.ZERO);
    }

    static LambdaEnvironment environment(InMemoryTransport transport, Topology topology, Sink sink, Clock clock, LambdaConfig config) {
        return LambdaEnvironment.builder(config).transport(transport, topology, transport::queueDepth).sink(sink).clock(clock).build();
    }

    static String queueUrl(String queue) {
        return "https://sqs.us-east-1.amazonaws.com/000000000000/" + queue;
    }
}
