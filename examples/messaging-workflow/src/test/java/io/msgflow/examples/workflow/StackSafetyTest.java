package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What makes the stack safe to run and to redeploy in production: stateful resources survive a
 * delete or a replacement, queues keep messages for a stated time, the password survives a change
 * of the database parameters, parameters that end up in a connection string are constrained, the
 * queue triggers are off by default and capped, and the database functions can run in a VPC.
 */
class StackSafetyTest {
    private static final Template TEMPLATE = Template.load();
    private static final List<String> STATEFUL_TYPES = List.of("AWS::SQS::Queue", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup");
    private static final List<String> DATABASE_FUNCTIONS = List.of("ProcessMessagesFunction", "StoreMessagesFunction");

    @Test
    void queuesTheSecretAndLogGroupsAreRetainedOnDeleteAndReplacement() {
        List<String> stateful = new ArrayList<>();
        STATEFUL_TYPES.forEach(type -> stateful.addAll(TEMPLATE.ofType(type).keySet()));
        Template unprotected = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("AlertsDeadLetterQueue")).remove("UpdateReplacePolicy"));

        assertThat(stateful).hasSize(4 + 1 + 3);
        assertThat(unretained(TEMPLATE)).isEmpty();
        assertThat(unretained(unprotected)).containsExactly("AlertsDeadLetterQueue UpdateReplacePolicy");
    }

    @Test
    void everyQueueStatesItsRetentionAndMainQueuesKeepLessThanTheirDeadLetterQueues() {
        TEMPLATE.ofType("AWS::SQS::Queue").forEach((id, queue) ->
                assertThat(queue.path("Properties").has("MessageRetentionPeriod")).as("%s states its retention", id).isTrue());
        for (Lane lane : Workflow.LANES) {
            long main = retentionOf(lane.queue());
            long deadLetter = retentionOf(lane.deadLetterQueue());
            assertThat(main).as(lane.queue()).isEqualTo(Workflow.RETENTION.toSeconds()).isLessThan(deadLetter);
        }
    }

    @Test
    void thePasswordDoesNotDependOnAnyParameterSoARedeployKeepsIt() {
        JsonNode generate = TEMPLATE.properties("DatabaseSecret").path("GenerateSecretString");
        Template dependent = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("DatabaseSecret").path("Properties")
                .path("GenerateSecretString")).set("SecretStringTemplate",
                Json.MAPPER.createObjectNode().put("Fn::Sub", "{\"host\": \"${DatabaseHost}\"}")));

        assertThat(generate.path("GenerateStringKey").asText()).isEqualTo("password");
        assertThat(intrinsicFunctions(generate)).isEmpty();
        assertThat(intrinsicFunctions(dependent.properties("DatabaseSecret").path("GenerateSecretString"))).containsExactly("Fn::Sub");
        for (String function : DATABASE_FUNCTIONS) {
            assertThat(TEMPLATE.environmentVariable(function, "DB_HOST")).as(function).isEqualTo(ref("DatabaseHost"));
            assertThat(TEMPLATE.environmentVariable(function, "DB_PORT")).as(function).isEqualTo(ref("DatabasePort"));
            assertThat(TEMPLATE.environmentVariable(function, "DB_USER")).as(function).isEqualTo(ref("DatabaseUser"));
            assertThat(TEMPLATE.environmentVariable(function, "DB_NAME")).as(function).isEqualTo(ref("DatabaseName"));
            assertThat(TEMPLATE.environmentVariable(function, "DB_PASSWORD").isMissingNode()).as("%s: the password only in the secret", function).isTrue();
        }
    }

    @Test
    void theDatabaseHostAcceptsHostNamesAndAddressesOnly() {
        Pattern host = allowedPattern("DatabaseHost");

        assertThat(List.of("db.abc123xyz.eu-west-1.rds.amazonaws.com", "10.0.3.17", "postgres", "my-db-1.internal"))
                .allSatisfy(value -> assertThat(host.matcher(value).matches()).as(value).isTrue());
        assertThat(List.of("", "db\", \"password\": \"x", "db/evil", "db?sslmode=disable", "db host", "-db", "db..internal",
                "db:5432", "a".repeat(64)))
                .allSatisfy(value -> assertThat(host.matcher(value).matches()).as(value).isFalse());
        assertThat(TEMPLATE.root().path("Parameters").path("DatabaseHost").path("MaxLength").asInt()).isEqualTo(253);
    }

    @Test
    void queueTriggersAreOffByDefaultAndEachIsCappedInConcurrency() {
        JsonNode parameters = TEMPLATE.root().path("Parameters");
        JsonNode concurrency = parameters.path("QueueTriggerConcurrency");

        assertThat(parameters.path("QueueTriggers").path("Default").asText()).isEqualTo("Disabled");
        assertThat(concurrency.path("MinValue").asInt()).as("SQS event sources allow 2 to 1000").isEqualTo(2);
        assertThat(concurrency.path("MaxValue").asInt()).isEqualTo(1000);
        Map<String, JsonNode> mappings = TEMPLATE.ofType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).isNotEmpty();
        mappings.forEach((id, mapping) -> assertThat(mapping.path("Properties").path("ScalingConfig").path("MaximumConcurrency"))
                .as(id).isEqualTo(ref("QueueTriggerConcurrency")));
    }

    @Test
    void theDatabaseFunctionsRunInTheVpcOfTheParametersWhenSubnetsAreGiven() {
        for (String function : DATABASE_FUNCTIONS) {
            JsonNode vpc = TEMPLATE.properties(function).path("VpcConfig").path("Fn::If");
            assertThat(vpc.path(0).asText()).as(function).isEqualTo("InVpc");
            assertThat(vpc.path(1).path("SubnetIds")).isEqualTo(ref("SubnetIds"));
            assertThat(vpc.path(1).path("SecurityGroupIds")).isEqualTo(ref("SecurityGroupIds"));
            assertThat(vpc.path(2)).isEqualTo(ref("AWS::NoValue"));
            List<String> conditionalPolicies = new ArrayList<>();
            TEMPLATE.properties(roleOf(function)).path("Policies").forEach(policy -> {
                if (policy.has("Fn::If")) {
                    conditionalPolicies.add(policy.path("Fn::If").path(0).asText() + " " + policy.path("Fn::If").path(1).path("PolicyName").asText());
                }
            });
            assertThat(conditionalPolicies).as("%s attaches network interfaces only in a VPC", function)
                    .containsExactly("InVpc network-interfaces");
        }
        assertThat(TEMPLATE.properties("PublishMessagesFunction").has("VpcConfig")).as("publishing needs no database").isFalse();
        assertThat(TEMPLATE.root().path("Conditions").path("InVpc").toString()).contains("SubnetIds");
    }

    /** Resources of a stateful type without {@code Retain} for both policies. */
    private static List<String> unretained(Template template) {
        List<String> missing = new ArrayList<>();
        for (String type : STATEFUL_TYPES) {
            template.ofType(type).forEach((id, resource) -> {
                for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
                    if (!resource.path(policy).asText().equals("Retain")) {
                        missing.add(id + " " + policy);
                    }
                }
            });
        }
        return missing;
    }

    private static long retentionOf(String queueName) {
        return TEMPLATE.ofType("AWS::SQS::Queue").values().stream()
                .filter(q -> Template.stackScopedName(q.path("Properties").path("QueueName")).orElse("").equals(queueName))
                .findFirst().orElseThrow().path("Properties").path("MessageRetentionPeriod").asLong();
    }

    private static List<String> intrinsicFunctions(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("Ref") || e.getKey().startsWith("Fn::")) {
                    found.add(e.getKey());
                }
                found.addAll(intrinsicFunctions(e.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(child -> found.addAll(intrinsicFunctions(child)));
        }
        return found;
    }

    private static Pattern allowedPattern(String parameter) {
        // CloudFormation matches AllowedPattern against the whole value, as Java's matches() does.
        return Pattern.compile(TEMPLATE.root().path("Parameters").path(parameter).path("AllowedPattern").asText());
    }

    private static String roleOf(String function) {
        return Template.getAtt(TEMPLATE.properties(function).path("Role"), "Arn").orElseThrow();
    }

    private static ObjectNode ref(String logicalId) {
        return Json.MAPPER.createObjectNode().put("Ref", logicalId);
    }
}
