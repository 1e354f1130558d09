package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local run's flow on the AWS transport ({@code --endpoint}) against fauxqs, a real SNS/SQS
 * peer on 127.0.0.1 (filter policies, subscriptions, redrive), writing to the test PostgreSQL.
 */
class WorkflowFauxqsIT {
    private static FauxqsServer fauxqs;
    private static AwsTransport admin;

    @BeforeAll
    static void startFauxqs() {
        fauxqs = FauxqsServer.start();
        admin = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
    }

    @AfterAll
    static void stopFauxqs() {
        admin.close();
        fauxqs.close();
    }

    @Test
    void theWorkflowFansOutThroughSnsAndSqsAndLandsBothTypesInTheirTables() throws Exception {
        AppRun.Database database = AppRun.Database.freshSchema("workflow_fauxqs_it");

        AppRun run = run(database, "--count", "3");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("AWS transport (msgflow-aws) on SNS/SQS at " + fauxqs.endpoint() + ", region us-east-1");
        assertThat(run.summaryLine("notification")).containsExactly("notification", "notifications-queue", "3", "3", "3", "3",
                "notification_messages", "0");
        assertThat(run.summaryLine("critical_alert")).containsExactly("critical_alert", "alerts-queue", "3", "3", "3", "3",
                "critical_alerts", "0");
        assertThat(database.rows("notification_messages", "title"))
                .containsExactlyInAnyOrder("notification|Notification 1", "notification|Notification 2", "notification|Notification 3");
        assertThat(database.rows("critical_alerts", "severity")).hasSize(3).containsOnly("critical_alert|critical");
        for (Lane lane : Workflow.LANES) {
            assertThat(messagesOn(lane.queue())).as("%s is drained", lane.queue()).isZero();
            assertThat(messagesOn(lane.deadLetterQueue())).as("%s is empty", lane.deadLetterQueue()).isZero();
        }
    }

    @Test
    void aSecondRunFindsTheTopologyInPlaceAndAddsItsOwnRows() throws Exception {
        AppRun.Database database = AppRun.Database.freshSchema("workflow_fauxqs_twice");

        AppRun first = run(database, "--count", "2");
        AppRun second = run(database, "--count", "2");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(admin.provisioner().provision(Workflow.TOPOLOGY, DriftMode.REPORT).hasDrift()).as("the provisioned topology").isFalse();
        assertThat(database.distinctIds("notification_messages")).isEqualTo(4);
        assertThat(database.distinctIds("critical_alerts")).isEqualTo(4);
    }

    private static AppRun run(AppRun.Database database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", fauxqs.endpoint().toString()));
        all.addAll(database.options());
        return AppRun.of(all, new HashMap<>(database.environment()));
    }

    private static int messagesOn(String queue) {
        SqsClient sqs = admin.sqsClient();
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return counts.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
