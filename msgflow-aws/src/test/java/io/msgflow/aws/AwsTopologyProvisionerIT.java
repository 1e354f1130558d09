package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.aws.ProvisioningReport.Kind;
import io.msgflow.aws.ProvisioningReport.Status;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.internal.Json;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisioning from a topology on fauxqs (SNS and SQS) and ElasticMQ (SQS): create, verify, drift. */
class AwsTopologyProvisionerIT {
    private static FauxqsServer fauxqs;
    private static ElasticMqServer elasticMq;
    private static AwsTransport transport;
    private static AwsTransport sqsOnly;

    private Topology topology;
    private String notifications;
    private String dlq;

    @BeforeAll
    static void start() {
        fauxqs = FauxqsServer.start();
        elasticMq = ElasticMqServer.start();
        transport = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
        sqsOnly = Peers.transport(elasticMq.endpoint(), AwsServices.SQS_ONLY).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        sqsOnly.close();
        fauxqs.close();
        elasticMq.close();
    }

    @BeforeEach
    void topology() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        notifications = "notifications-" + suffix;
        dlq = "notifications-dlq-" + suffix;
        topology = Topology.builder("events-" + suffix)
                .queue(QueueSpec.builder(notifications).visibilityTimeout(Duration.ofSeconds(45)).delay(Duration.ofSeconds(1))
                        .retention(Duration.ofDays(2)).deadLetterQueue(dlq, 5).build())
                .routeType("notification", notifications)
                .build();
    }

    @Test
    void firstRunCreatesEverythingAndASecondRunChangesNothing() {
        ProvisioningReport first = transport.provisioner().provision(topology, DriftMode.REPORT);
        assertThat(first.resources()).extracting(ProvisioningReport.Resource::kind, ProvisioningReport.Resource::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.TOPIC, topology.topic()),
                        org.assertj.core.groups.Tuple.tuple(Kind.QUEUE, dlq),
                        org.assertj.core.groups.Tuple.tuple(Kind.QUEUE, notifications),
                        org.assertj.core.groups.Tuple.tuple(Kind.SUBSCRIPTION, topology.topic() + " -> " + notifications));
        assertThat(first.resources()).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.CREATED));

        transport.requestCounter().reset();
        ProvisioningReport second = transport.provisioner().provision(topology, DriftMode.REPORT);

        assertThat(second.resources()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNCHANGED));
        assertThat(transport.requestCounter().count("SNS", "CreateTopic") + transport.requestCounter().count("SQS", "CreateQueue")
                + transport.requestCounter().count("SNS", "Subscribe")).isZero();
        transport.provision(topology);
    }

    @Test
    void queuesGetTheirSettingsRedriveAndAPolicyThatAdmitsOnlyTheTopic() {
        transport.provisioner().provision(topology, DriftMode.REPORT);

        Map<String, String> attributes = queueAttributes(transport, notifications);
        String dlqArn = queueAttributes(transport, dlq).get("QueueArn");
        String topicArn = topicArn();
        assertThat(attributes).containsEntry("VisibilityTimeout", "45").containsEntry("DelaySeconds", "1")
                .containsEntry("MessageRetentionPeriod", "172800");
        assertThat(Json.tryParse(attributes.get("RedrivePolicy")).get("deadLetterTargetArn").asText()).isEqualTo(dlqArn);
        assertThat(Json.tryParse(attributes.get("RedrivePolicy")).get("maxReceiveCount").asText()).isEqualTo("5");
        var statement = Json.tryParse(attributes.get("Policy")).get("Statement").get(0);
        assertThat(statement.get("Principal").get("Service").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(statement.get("Condition").get("ArnEquals").get("aws:SourceArn").asText()).isEqualTo(topicArn);
        assertThat(queueAttributes(transport, dlq)).doesNotContainKey("Policy");
    }

    @Test
    void subscriptionCarriesFilterPolicyScopeAndRawDelivery() {
        transport.provisioner().provision(topology, DriftMode.REPORT);

        Map<String, String> attributes = subscriptionAttributes();

        assertThat(Json.tryParse(attributes.get("FilterPolicy"))).isEqualTo(Json.tryParse("{\"message_type\":[\"notification\"]}"));
        assertThat(attributes).containsEntry("RawMessageDelivery", "true").containsEntry("FilterPolicyScope", "MessageAttributes");
    }

    @Test
    void aDifferentFilterPolicyIsReportedAndCorrectedOnlyWhenAskedAndDeliveryOnlyWhenAskedExplicitly() {
        transport.provisioner().provision(topology, DriftMode.REPORT);
        Topology changed = Topology.builder(topology.topic())
                .queue(topology.requireQueue(notifications))
                .route(Route.toQueue(notifications).filter(FilterPolicy.matchingTypes("message_type", "notification", "reminder"))
                        .delivery(Delivery.ENVELOPE))
                .build();

        ProvisioningReport reported = transport.provisioner().provision(changed, DriftMode.REPORT);

        assertThat(reported.drifted()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.SUBSCRIPTION);
            assertThat(r.differences()).extracting(ProvisioningReport.Difference::setting)
                    .containsExactlyInAnyOrder("RawMessageDelivery", "FilterPolicy");
        });
        assertThat(subscriptionAttributes()).containsEntry("RawMessageDelivery", "true");
        assertThatThrownBy(() -> transport.provision(changed)).isInstanceOfSatisfying(TopologyDriftException.class,
                e -> assertThat(e.report().hasDrift()).isTrue()).hasMessageContaining("FilterPolicy");

        ProvisioningReport correctedButDelivery = transport.provisioner().provision(changed, DriftMode.CORRECT);

        assertThat(correctedButDelivery.drifted()).singleElement().satisfies(r -> assertThat(r.differences())
                .contains(new ProvisioningReport.Difference("RawMessageDelivery", "false", "true")));
        assertThat(subscriptionAttributes()).as("CORRECT leaves a subscription whose delivery differs untouched")
                .containsEntry("RawMessageDelivery", "true");
        assertThat(Json.tryParse(subscriptionAttributes().get("FilterPolicy")))
                .isEqualTo(Json.tryParse("{\"message_type\":[\"notification\"]}"));

        ProvisioningReport corrected = transport.provisioner().provision(changed, DriftMode.CORRECT_INCLUDING_DELIVERY);

        assertThat(corrected.corrected()).singleElement().extracting(ProvisioningReport.Resource::kind).isEqualTo(Kind.SUBSCRIPTION);
        assertThat(subscriptionAttributes()).containsEntry("RawMessageDelivery", "false");
        assertThat(transport.provisioner().provision(changed, DriftMode.REPORT).resources())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.UNCHANGED));
    }

    @Test
    void aChangedVisibilityTimeoutIsReportedWithBothValuesAndCorrected() {
        transport.provisioner().provision(topology, DriftMode.REPORT);
        Topology longer = Topology.builder(topology.topic())
                .queue(QueueSpec.builder(notifications).visibilityTimeout(Duration.ofSeconds(90)).delay(Duration.ofSeconds(1))
                        .retention(Duration.ofDays(2)).deadLetterQueue(dlq, 5).build())
                .routeType("notification", notifications).build();

        ProvisioningReport reported = transport.provisioner().provision(longer, DriftMode.REPORT);

        assertThat(reported.drifted()).singleElement().satisfies(r -> assertThat(r.differences())
                .containsExactly(new ProvisioningReport.Difference("VisibilityTimeout", "90", "45")));
        assertThat(queueAttributes(transport, notifications)).containsEntry("VisibilityTimeout", "45");
        transport.provisioner().provision(longer, DriftMode.CORRECT);
        assertThat(queueAttributes(transport, notifications)).containsEntry("VisibilityTimeout", "90");
    }

    @Test
    void sqsOnlyProvisioningCreatesQueuesWithRedriveAndIsIdempotent() {
        Topology defaultRetention = Topology.builder(topology.topic())
                .queue(QueueSpec.builder(notifications).visibilityTimeout(Duration.ofSeconds(45)).delay(Duration.ofSeconds(1))
                        .deadLetterQueue(dlq, 5).build()).build();
        ProvisioningReport first = sqsOnly.provisioner().provision(defaultRetention, DriftMode.REPORT);
        ProvisioningReport second = sqsOnly.provisioner().provision(defaultRetention, DriftMode.REPORT);

        assertThat(first.resources()).extracting(ProvisioningReport.Resource::name).containsExactly(dlq, notifications);
        assertThat(first.created()).hasSize(2);
        assertThat(second.unchanged()).as("%s", second).hasSize(2);
        assertThat(Json.tryParse(queueAttributes(sqsOnly, notifications).get("RedrivePolicy")).get("maxReceiveCount").asText())
                .isEqualTo("5");
    }

    /** ElasticMQ 1.7.1 departs from AWS here: CreateQueue ignores MessageRetentionPeriod, which AWS stores. */
    @Test
    void elasticMqIgnoresMessageRetentionPeriodAndProvisioningReportsItAsDrift() {
        sqsOnly.provisioner().provision(topology, DriftMode.REPORT);

        ProvisioningReport second = sqsOnly.provisioner().provision(topology, DriftMode.REPORT);

        assertThat(second.drifted()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(notifications);
            assertThat(r.differences()).containsExactly(new ProvisioningReport.Difference("MessageRetentionPeriod", "172800", "345600"));
        });
    }

    @Test
    void aDurationThatIsNotWholeSecondsIsRefusedNamingQueueAndSetting() {
        Topology fractional = Topology.builder("t-" + UUID.randomUUID().toString().substring(0, 8))
                .queue(QueueSpec.builder("q-" + UUID.randomUUID().toString().substring(0, 8))
                        .visibilityTimeout(Duration.ofMillis(1500)).build()).build();

        assertThatThrownBy(() -> sqsOnly.provisioner().provision(fractional, DriftMode.REPORT))
                .isInstanceOf(io.msgflow.InvalidConfigurationException.class)
                .hasMessageContaining(fractional.queues().get(0).name()).hasMessageContaining("visibilityTimeout")
                .hasMessageContaining("1500 ms");
    }

    private static Map<String, String> queueAttributes(AwsTransport t, String queue) {
        String url = t.sqsClient().getQueueUrl(r -> r.queueName(queue)).queueUrl();
        return t.sqsClient().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    private String topicArn() {
        return sns().listTopics().topics().stream().map(t -> t.topicArn()).filter(a -> a.endsWith(":" + topology.topic()))
                .findFirst().orElseThrow();
    }

    private Map<String, String> subscriptionAttributes() {
        Subscription subscription = sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn())).subscriptions().get(0);
        return sns().getSubscriptionAttributes(r -> r.subscriptionArn(subscription.subscriptionArn())).attributes();
    }

    private static SnsClient sns() {
        return transport.snsClient().orElseThrow();
    }
}
