package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.aws.ProvisioningReport.Status;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.LegacySystem;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attaching to resources msgflow did not create (on fauxqs): verify mode reads and never writes,
 * compares policies by meaning, addresses the topic by ARN and queues by URL, and leaves the
 * envelope delivery the existing consumer depends on alone.
 */
class AttachToExistingResourcesIT {
    /** The read-only actions of SNS and SQS. */
    private static final Pattern READ_ONLY = Pattern.compile("(SNS|SQS)\\.(Get|List)[A-Za-z]+");

    private static FauxqsServer fauxqs;
    private static AwsTransport admin;

    private String suffix;
    private String queue;
    private LegacySystem legacy;

    @BeforeAll
    static void start() {
        fauxqs = FauxqsServer.start();
        admin = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
    }

    @AfterAll
    static void stop() {
        admin.close();
        fauxqs.close();
    }

    @BeforeEach
    void legacySystem() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        queue = "notifications-" + suffix;
        legacy = LegacySystem.create(admin.snsClient().orElseThrow(), admin.sqsClient(), "events-" + suffix,
                Map.of("notification", queue));
    }

    private Topology envelopeTopology() {
        return Topology.builder("events-" + suffix).queue(queue).routeType("notification", queue, Delivery.ENVELOPE).build();
    }

    private AwsTransport attached() {
        return Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS)
                .topicArn(legacy.topicArn()).queueUrl(legacy.queueUrl("notification")).build();
    }

    @Test
    void verifyAcceptsTheLegacyResourcesWithReadCallsOnlyAndWithoutListTopicsOrGetQueueUrl() {
        try (AwsTransport transport = attached()) {
            ProvisioningReport report = transport.verify(envelopeTopology());

            assertThat(report.resources()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNCHANGED));
            assertThat(report.warnings()).singleElement().satisfies(w -> {
                assertThat(w.name()).isEqualTo(queue);
                assertThat(w.message()).contains("no dead-letter queue");
            });
            assertThat(transport.requestCounter().snapshot().keySet()).isNotEmpty()
                    .allSatisfy(action -> assertThat(action).matches(READ_ONLY))
                    .doesNotContain("SNS.ListTopics", "SQS.GetQueueUrl");
        }
    }

    @Test
    void verifyCreatesNothingWhereNothingExistsAndReportsEveryResourceMissing() {
        String other = "missing-" + suffix;
        Topology absent = Topology.builder("absent-" + suffix)
                .queue(QueueSpec.builder(other).deadLetterQueue(other + "-dlq", 3).build())
                .routeType("notification", other).build();

        ProvisioningReport report = admin.provisioner().provision(absent, DriftMode.VERIFY);

        assertThat(report.resources()).extracting(ProvisioningReport.Resource::status).containsOnly(Status.MISSING).hasSize(4);
        assertThat(admin.snsClient().orElseThrow().listTopics().topics()).noneMatch(t -> t.topicArn().endsWith(":absent-" + suffix));
        assertThat(admin.sqsClient().listQueues(r -> r.queueNamePrefix(other)).queueUrls()).isEmpty();
        assertThatThrownBy(() -> admin.verify(absent)).isInstanceOf(TopologyDriftException.class)
                .hasMessageContaining("missing").hasMessageContaining(other + "-dlq");
    }

    @Test
    void verifyIssuesOnlyReadCallsWhenResourcesAreMissingOrDiffer() {
        try (AwsTransport transport = attached()) {
            Topology raw = Topology.builder("events-" + suffix)
                    .queue(QueueSpec.builder(queue).visibilityTimeout(Duration.ofSeconds(60)).build())
                    .queue("absent-" + suffix)
                    .routeType("notification", queue).routeType("critical_alert", "absent-" + suffix).build();

            ProvisioningReport report = transport.provisioner().provision(raw, DriftMode.VERIFY);

            assertThat(report.missing()).extracting(ProvisioningReport.Resource::name)
                    .containsExactlyInAnyOrder("absent-" + suffix, "events-" + suffix + " -> absent-" + suffix);
            assertThat(report.drifted()).extracting(ProvisioningReport.Resource::name)
                    .containsExactlyInAnyOrder(queue, "events-" + suffix + " -> " + queue);
            assertThat(report.drifted()).flatExtracting(ProvisioningReport.Resource::differences).contains(
                    new ProvisioningReport.Difference("VisibilityTimeout", "60", "30"),
                    new ProvisioningReport.Difference("RawMessageDelivery", "true", "false"));
            assertThat(transport.requestCounter().snapshot().keySet()).allSatisfy(action -> assertThat(action).matches(READ_ONLY));
        }
    }

    @Test
    void provisioningWithCorrectionNeverSwitchesTheLegacyConsumersEnvelopeToRaw() {
        Topology raw = Topology.builder("events-" + suffix).queue(queue).routeType("notification", queue).build();
        try (AwsTransport transport = attached()) {
            ProvisioningReport report = transport.provisioner().provision(raw, DriftMode.CORRECT);

            assertThat(report.drifted()).singleElement().satisfies(r -> assertThat(r.differences())
                    .containsExactly(new ProvisioningReport.Difference("RawMessageDelivery", "true", "false")));
            assertThat(transport.requestCounter().count("SNS", "SetSubscriptionAttributes")).isZero();
            legacy.publish("notification", "This is a general notification 1.");
            assertThat(legacy.consumeOnce("notification", 5)).extracting(LegacySystem.Consumed::message)
                    .containsExactly("This is a general notification 1.");
        }
    }

    @Test
    void anAttachedPublisherAndSourceNeedNeitherListTopicsNorGetQueueUrl() {
        try (AwsTransport transport = attached()) {
            Topology topology = envelopeTopology();
            transport.verify(topology);
            transport.requestCounter().reset();

            Message message = Message.of("notification", "{\"text\":\"hello\"}");
            transport.publisher(topology).publish(message);
            MessageSource source = transport.source(topology, queue);
            List<ReceivedMessage> received = source.receive(10, Duration.ofSeconds(5));
            source.acknowledge(received);

            assertThat(received).extracting(ReceivedMessage::id).containsExactly(message.id());
            assertThat(transport.requestCounter().snapshot()).containsOnlyKeys("SNS.Publish", "SQS.ReceiveMessage", "SQS.DeleteMessageBatch");
        }
    }

    @Test
    void correctingAddsTheDeadLetterQueueTheLegacyQueueLacksAndLeavesItsEnvelopeDelivery() {
        Topology withDlq = Topology.builder("events-" + suffix)
                .queue(QueueSpec.builder(queue).deadLetterQueue(queue + "-dlq", 5).build())
                .routeType("notification", queue, Delivery.ENVELOPE).build();
        try (AwsTransport transport = attached()) {
            assertThat(transport.verify(envelopeTopology()).warnings()).isNotEmpty();

            ProvisioningReport report = transport.provisioner().provision(withDlq, DriftMode.CORRECT);

            assertThat(report.created()).extracting(ProvisioningReport.Resource::name).containsExactly(queue + "-dlq");
            assertThat(report.corrected()).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo(queue);
                assertThat(r.differences()).extracting(ProvisioningReport.Difference::setting).containsExactly("RedrivePolicy");
            });
            assertThat(transport.verify(withDlq).warnings()).isEmpty();
            legacy.publish("notification", "This is a general notification 2.");
            assertThat(legacy.consumeOnce("notification", 5)).extracting(LegacySystem.Consumed::message)
                    .containsExactly("This is a general notification 2.");
        }
    }
}
