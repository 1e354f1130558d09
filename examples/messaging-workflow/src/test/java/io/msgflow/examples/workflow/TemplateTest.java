package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.internal.Json;
import io.msgflow.lambda.DrainQueueHandler;
import io.msgflow.lambda.PublishHandler;
import io.msgflow.lambda.SqsBatchHandler;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml, parsed and checked: against the Java declaration of the workflow (drift), against
 * itself (every reference resolves, least-privilege IAM, encryption) and against the code it runs
 * (handler classes, the ASL definition's placeholders, the Makefile's jar).
 */
class TemplateTest {
    private static final Template TEMPLATE = Template.load();
    private static final Set<String> RUNTIMES = Set.of("java17", "java21");

    @Test
    void theStackDeclaresWhatTheJavaWorkflowDeclares() {
        assertThat(StackDrift.between(TEMPLATE, Workflow.TOPOLOGY, Workflow.tables())).isEmpty();
        assertThat(TEMPLATE.ofType("AWS::SQS::Queue")).hasSize(Workflow.TOPOLOGY.queues().size());
        assertThat(TEMPLATE.ofType("AWS::SNS::Subscription")).hasSize(Workflow.TOPOLOGY.routes().size());
    }

    @Test
    void aFilterPolicyChangedInTheTemplateIsDrift() {
        Template changed = TEMPLATE.with(t -> subscriptionOf(t, "NotificationsQueue").putArray("FilterPolicy")
                .removeAll());
        Template otherType = TEMPLATE.with(t -> subscriptionOf(t, "NotificationsQueue").putObject("FilterPolicy")
                .putArray("message_type").add("critical_alert"));
        Template otherScope = TEMPLATE.with(t -> subscriptionOf(t, "AlertsQueue").put("FilterPolicyScope", "MessageBody"));

        assertThat(drift(changed)).anySatisfy(d -> assertThat(d).contains("NotificationsSubscription"));
        assertThat(drift(otherType)).singleElement().asString()
                .contains("NotificationsSubscription", "critical_alert", "notification");
        assertThat(drift(otherScope)).singleElement().asString().contains("AlertsSubscription", "MessageBody");
    }

    @Test
    void aRouteChangedInJavaIsDrift() {
        Topology widened = withRoutes(r -> r.queue().equals(Workflow.ALERTS.queue())
                ? r.filter(FilterPolicy.matchingTypes("message_type", "critical_alert", "notification")) : r);
        Topology enveloped = withRoutes(r -> r.queue().equals(Workflow.NOTIFICATIONS.queue()) ? r.delivery(Delivery.ENVELOPE) : r);

        assertThat(StackDrift.between(TEMPLATE, widened, Workflow.tables())).singleElement().asString()
                .contains("AlertsSubscription", "notification");
        assertThat(StackDrift.between(TEMPLATE, enveloped, Workflow.tables())).singleElement().asString()
                .contains("NotificationsSubscription", "RawMessageDelivery");
    }

    @Test
    void theRedriveToEachDeadLetterQueueMatchesTheJavaMaxReceiveCount() {
        Template fewerReceives = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("AlertsQueue").path("Properties")
                .path("RedrivePolicy")).put("maxReceiveCount", 3));
        Topology moreReceives = withQueues(q -> q.name().equals(Workflow.NOTIFICATIONS.queue())
                ? QueueSpec.builder(q.name()).visibilityTimeout(q.visibilityTimeout()).retention(q.retention()).deadLetterQueue(Workflow.NOTIFICATIONS.deadLetterQueue(), 7).build()
                : q);
        Template swappedTarget = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("AlertsQueue").path("Properties")
                .path("RedrivePolicy")).set("deadLetterTargetArn", getAtt("NotificationsDeadLetterQueue", "Arn")));

        assertThat(drift(fewerReceives)).singleElement().asString().contains("AlertsQueue", "maxReceiveCount", "5", "3");
        assertThat(StackDrift.between(TEMPLATE, moreReceives, Workflow.tables())).singleElement().asString()
                .contains("NotificationsQueue", "maxReceiveCount", "7");
        assertThat(drift(swappedTarget)).singleElement().asString().contains("AlertsQueue", "alerts-dlq");
    }

    @Test
    void queueSettingsAndTablesAreDriftToo() {
        Template shorterVisibility = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("NotificationsQueue").path("Properties"))
                .remove("VisibilityTimeout"));
        Template otherTable = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("StoreMessagesFunction").path("Properties")
                .path("Environment").path("Variables")).put("MSGFLOW_TABLES", "notification=notifications,critical_alert=critical_alerts"));

        assertThat(drift(shorterVisibility)).singleElement().asString().contains("NotificationsQueue", "VisibilityTimeout", "360", "30");
        assertThat(drift(otherTable)).singleElement().asString().contains("StoreMessagesFunction", "MSGFLOW_TABLES");
    }

    @Test
    void onlyTheTopicMaySendToTheQueues() {
        Template anySource = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("AlertsQueuePolicy").path("Properties")
                .path("PolicyDocument").path("Statement").path(0)).remove("Condition"));

        assertThat(drift(anySource)).singleElement().asString().contains("AlertsQueue", "aws:SourceArn");
    }

    @Test
    void theTopicAndEveryQueueAreEncrypted() {
        TEMPLATE.ofType("AWS::SNS::Topic").forEach((id, topic) ->
                assertThat(topic.path("Properties").path("KmsMasterKeyId").asText()).as(id).isNotBlank());
        TEMPLATE.ofType("AWS::SQS::Queue").forEach((id, queue) -> {
            JsonNode properties = queue.path("Properties");
            assertThat(properties.path("SqsManagedSseEnabled").asBoolean(false) || properties.has("KmsMasterKeyId"))
                    .as("queue %s is encrypted", id).isTrue();
        });
    }

    @Test
    void everyReferenceResolves() {
        Template broken = TEMPLATE.with(t -> {
            ((ObjectNode) t.path("Outputs").path("TopicArn")).set("Value", ref("MissingTopic"));
            ((ObjectNode) t.path("Outputs").path("AlertsQueueUrl")).set("Value", getAtt("AlertsQueue", "Url"));
            ((ObjectNode) t.path("Resources").path("MessagesTopic").path("Properties")).set("TopicName",
                    Json.MAPPER.createObjectNode().put("Fn::Sub", "${AWS::StackName}-${Stage}"));
        });

        assertThat(TemplateReferences.unresolved(TEMPLATE)).isEmpty();
        assertThat(TemplateReferences.unresolved(broken)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("Ref MissingTopic"))
                .anySatisfy(p -> assertThat(p).contains("AlertsQueue.Url"))
                .anySatisfy(p -> assertThat(p).contains("Stage"));
    }

    @Test
    void noPolicyAllowsAWildcardActionOrResource() {
        Template wildcard = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("PublishMessagesRole").path("Properties")
                .path("Policies").path(0).path("PolicyDocument").path("Statement").path(1)).put("Resource", "*"));
        Template serviceWide = TEMPLATE.with(t -> ((ObjectNode) t.path("Resources").path("StoreMessagesRole").path("Properties")
                .path("Policies").path(0).path("PolicyDocument").path("Statement").path(1)).put("Action", "sqs:*"));

        assertThat(Policies.statements(TEMPLATE)).hasSizeGreaterThan(10);
        assertThat(wildcardProblems(TEMPLATE)).isEmpty();
        assertThat(wildcardProblems(wildcard)).singleElement().asString().contains("Resource", "*");
        assertThat(wildcardProblems(serviceWide)).singleElement().asString().contains("Action", "sqs:*");
        Template widerInVpc = TEMPLATE.with(t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.path("Resources").path("StoreMessagesRole")
                .path("Properties").path("Policies").path(1).path("Fn::If").path(1).path("PolicyDocument").path("Statement").path(0)
                .path("Action")).add("sqs:DeleteMessage"));
        assertThat(wildcardProblems(widerInVpc)).singleElement().asString().contains("Resource", "sqs:DeleteMessage");
        TEMPLATE.ofType("AWS::IAM::Role").forEach((id, role) ->
                assertThat(role.path("Properties").has("ManagedPolicyArns")).as("role %s has managed policies", id).isFalse());
    }

    @Test
    void everyFunctionRunsAHandlerClassOfTheBuiltJar() throws Exception {
        Map<String, JsonNode> functions = TEMPLATE.ofType("AWS::Serverless::Function");
        assertThat(functions).containsOnlyKeys("PublishMessagesFunction", "ProcessMessagesFunction", "StoreMessagesFunction");
        for (String function : functions.keySet()) {
            Class<?> handler = handlerClass(function);
            assertThat(RequestHandler.class.isAssignableFrom(handler) || RequestStreamHandler.class.isAssignableFrom(handler))
                    .as("%s implements RequestHandler or RequestStreamHandler", handler).isTrue();
            assertThat(Modifier.isAbstract(handler.getModifiers())).as("%s can be instantiated", handler).isFalse();
            assertThat(handler.getConstructor()).as("the runtime's no-argument constructor").isNotNull();
            String method = TEMPLATE.properties(function).path("Handler").asText().split("::")[1];
            assertThat(Arrays.stream(handler.getMethods()).map(Method::getName)).as(function).contains(method);
            assertThat(TEMPLATE.functionProperty(function, "Runtime").asText()).isIn(RUNTIMES);
            assertThat(TEMPLATE.functionProperty(function, "CodeUri").asText()).as("CodeUri is the jar `make build` writes")
                    .isEqualTo(makefileVariable("LAMBDA_JAR"));
            assertThat(TEMPLATE.properties(function).has("Policies")).as("%s: permissions come from its own role", function).isFalse();
            assertThat(Template.getAtt(TEMPLATE.properties(function).path("Role"), "Arn").map(r -> TEMPLATE.resource(r).path("Type").asText()))
                    .contains("AWS::IAM::Role");
        }
        assertThat(handlerClass("PublishMessagesFunction")).isEqualTo(PublishHandler.class);
        assertThat(handlerClass("ProcessMessagesFunction")).isEqualTo(DrainQueueHandler.class);
        assertThat(SqsBatchHandler.class).isAssignableFrom(handlerClass("StoreMessagesFunction"));
    }

    @Test
    void eachRoleGrantsWhatItsFunctionIsConfiguredToUse() {
        String publisher = roleOf("PublishMessagesFunction");
        assertThat(Policies.grantsOf(TEMPLATE, publisher)).contains(
                new Policies.Grant("sns:Publish", TEMPLATE.environmentVariable("PublishMessagesFunction", "TOPIC_ARN")));
        for (String function : List.of("PublishMessagesFunction", "ProcessMessagesFunction", "StoreMessagesFunction")) {
            JsonNode logGroup = getAtt(Template.ref(TEMPLATE.properties(function).path("LoggingConfig").path("LogGroup")).orElseThrow(), "Arn");
            assertThat(Policies.grantsOf(TEMPLATE, roleOf(function))).as(function).contains(
                    new Policies.Grant("logs:CreateLogStream", logGroup), new Policies.Grant("logs:PutLogEvents", logGroup));
        }
        for (String function : List.of("ProcessMessagesFunction", "StoreMessagesFunction")) {
            List<Policies.Grant> grants = Policies.grantsOf(TEMPLATE, roleOf(function));
            assertThat(grants).as(function).contains(new Policies.Grant("secretsmanager:GetSecretValue",
                    TEMPLATE.environmentVariable(function, "DB_SECRET_NAME")));
            for (Lane lane : Workflow.LANES) {
                JsonNode queue = getAtt(queueId(lane.queue()), "Arn");
                JsonNode deadLetterQueue = getAtt(queueId(lane.deadLetterQueue()), "Arn");
                assertThat(grants).as("%s on %s", function, lane.queue()).contains(
                        new Policies.Grant("sqs:ReceiveMessage", queue), new Policies.Grant("sqs:DeleteMessage", queue),
                        new Policies.Grant("sqs:ChangeMessageVisibility", queue), new Policies.Grant("sqs:GetQueueAttributes", queue),
                        new Policies.Grant("sqs:SendMessage", deadLetterQueue), new Policies.Grant("sqs:GetQueueUrl", deadLetterQueue));
            }
        }
        JsonNode queueUrls = TEMPLATE.environmentVariable("ProcessMessagesFunction", "QUEUE_URLS");
        assertThat(queueUrls.path("Fn::Join").path(1)).containsExactlyElementsOf(
                Workflow.LANES.stream().map(lane -> (JsonNode) ref(queueId(lane.queue()))).toList());
    }

    @Test
    void theStateMachineRunsTheAslFileWithEveryPlaceholderSubstituted() {
        JsonNode properties = TEMPLATE.properties("WorkflowStateMachine");
        Path definitionFile = Path.of(properties.path("DefinitionUri").asText());
        assertThat(definitionFile).isEqualTo(StateMachineDefinition.FILE).isRegularFile();
        StateMachineDefinition definition = StateMachineDefinition.load(definitionFile);
        JsonNode substitutions = properties.path("DefinitionSubstitutions");
        assertThat(new TreeSet<>(definition.placeholders())).isEqualTo(fieldNames(substitutions));

        assertThat(substitutedFunction(definition.state("PublishMessages"), substitutions)).isEqualTo("PublishMessagesFunction");
        List<String> invoked = new ArrayList<>(List.of("PublishMessagesFunction"));
        Map<String, String> queueByType = new LinkedHashMap<>();
        for (JsonNode branch : definition.branchStarts("ProcessMessages")) {
            JsonNode payload = branch.path("Parameters").path("Payload");
            String queueVariable = StateMachineDefinition.placeholder(payload.path("QueueUrl"));
            String queueId = Template.ref(substitutions.path(queueVariable)).orElseThrow();
            queueByType.put(payload.path("MessageType").asText(), queueName(queueId));
            String function = substitutedFunction(branch, substitutions);
            assertThat(handlerClass(function)).isEqualTo(DrainQueueHandler.class);
            invoked.add(function);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        Workflow.LANES.forEach(lane -> expected.put(lane.messageType(), lane.queue()));
        assertThat(queueByType).as("each branch drains its type's queue").containsExactlyEntriesOf(expected);

        String role = Template.getAtt(properties.path("Role"), "Arn").orElseThrow();
        assertThat(Policies.grantsOf(TEMPLATE, role)).containsExactlyInAnyOrderElementsOf(invoked.stream().distinct()
                .map(f -> new Policies.Grant("lambda:InvokeFunction", getAtt(f, "Arn"))).toList());
    }

    @Test
    void eventSourceMappingsFeedEachQueueInBatchesOfTenWithPartialFailures() {
        Map<String, JsonNode> mappings = TEMPLATE.ofType("AWS::Lambda::EventSourceMapping");
        List<String> fed = new ArrayList<>();
        mappings.forEach((id, mapping) -> {
            JsonNode properties = mapping.path("Properties");
            String queue = Template.getAtt(properties.path("EventSourceArn"), "Arn").orElseThrow();
            String function = Template.ref(properties.path("FunctionName")).orElseThrow();
            fed.add(queueName(queue));
            assertThat(properties.path("BatchSize").asInt()).as(id).isEqualTo(QueueDrain.BATCH_SIZE);
            assertThat(properties.path("FunctionResponseTypes")).as(id).containsExactly(Json.MAPPER.getNodeFactory().textNode("ReportBatchItemFailures"));
            assertThat(SqsBatchHandler.class).isAssignableFrom(handlerClass(function));
            assertThat(TEMPLATE.functionProperty(function, "Timeout").asInt()).as("the timeout of %s fits the visibility of %s", function, queue)
                    .isLessThanOrEqualTo(TEMPLATE.properties(queue).path("VisibilityTimeout").asInt(30));
        });
        assertThat(fed).containsExactlyInAnyOrderElementsOf(Workflow.LANES.stream().map(Lane::queue).toList());
    }

    @Test
    void environmentsAreDevStagingAndProdEachWithItsSettings() {
        JsonNode allowed = TEMPLATE.root().path("Parameters").path("Environment").path("AllowedValues");
        assertThat(allowed).extracting(JsonNode::asText).containsExactly("dev", "staging", "prod");
        assertThat(fieldNames(TEMPLATE.root().path("Mappings").path("EnvironmentSettings"))).containsExactlyInAnyOrder("dev", "staging", "prod");
        assertThat(TEMPLATE.environmentVariable("StoreMessagesFunction", "ENVIRONMENT")).as("never 'local' on AWS")
                .isEqualTo(ref("Environment"));
    }

    @Test
    void theSecretAndTheEnvironmentTogetherHoldWhatTheFunctionsReadToConnect() throws IOException {
        JsonNode generate = TEMPLATE.properties("DatabaseSecret").path("GenerateSecretString");
        Map<String, String> variableOfField = Map.of("host", "DB_HOST", "port", "DB_PORT", "username", "DB_USER", "database", "DB_NAME");
        for (String function : List.of("ProcessMessagesFunction", "StoreMessagesFunction")) {
            assertThat(TEMPLATE.environmentVariable(function, "DB_SECRET_NAME")).as(function).isEqualTo(ref("DatabaseSecret"));
            Set<String> provided = new TreeSet<>(fieldNames(Json.MAPPER.readTree(generate.path("SecretStringTemplate").asText())));
            provided.add(generate.path("GenerateStringKey").asText());
            variableOfField.forEach((field, variable) -> {
                if (!TEMPLATE.environmentVariable(function, variable).isMissingNode()) {
                    provided.add(field);
                }
            });
            assertThat(provided).as(function).containsExactlyInAnyOrder("host", "port", "username", "password", "database");
        }
    }

    private static List<String> drift(Template template) {
        return StackDrift.between(template, Workflow.TOPOLOGY, Workflow.tables());
    }

    /**
     * Statements with NotAction or NotResource, or a {@code *} in Action or Resource. Only the
     * EC2 network-interface actions Lambda needs in a VPC may name every resource: EC2 grants
     * them on no narrower one.
     */
    private static List<String> wildcardProblems(Template template) {
        List<String> problems = new ArrayList<>();
        for (JsonNode statement : Policies.statements(template)) {
            if (statement.has("NotAction") || statement.has("NotResource")) {
                problems.add("NotAction/NotResource in " + statement);
            }
            Policies.wildcards(statement.path("Action")).forEach(w -> problems.add("Action " + w + " in " + statement));
            if (!onlyNetworkInterfaceActions(statement)) {
                Policies.wildcards(statement.path("Resource")).forEach(w -> problems.add("Resource " + w + " in " + statement));
            }
        }
        return problems;
    }

    private static boolean onlyNetworkInterfaceActions(JsonNode statement) {
        Set<String> networkInterfaceActions = Set.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");
        List<String> actions = new ArrayList<>();
        Template.oneOrMany(statement.path("Action")).forEach(a -> actions.add(a.asText()));
        return statement.path("Effect").asText().equals("Allow") && networkInterfaceActions.containsAll(actions);
    }

    private static ObjectNode subscriptionOf(ObjectNode template, String queueId) {
        for (Map.Entry<String, JsonNode> e : template.path("Resources").properties()) {
            JsonNode properties = e.getValue().path("Properties");
            if (e.getValue().path("Type").asText().equals("AWS::SNS::Subscription")
                    && Template.getAtt(properties.path("Endpoint"), "Arn").equals(Optional.of(queueId))) {
                return (ObjectNode) properties;
            }
        }
        throw new AssertionError("no subscription of " + queueId);
    }

    private static Topology withRoutes(UnaryOperator<Route> change) {
        Topology.Builder b = Topology.builder(Workflow.TOPIC);
        Workflow.TOPOLOGY.queues().forEach(b::queue);
        Workflow.TOPOLOGY.routes().forEach(r -> b.route(change.apply(r)));
        return b.build();
    }

    private static Topology withQueues(UnaryOperator<QueueSpec> change) {
        Topology.Builder b = Topology.builder(Workflow.TOPIC);
        Workflow.TOPOLOGY.queues().forEach(q -> b.queue(change.apply(q)));
        Workflow.TOPOLOGY.routes().forEach(b::route);
        return b.build();
    }

    private static Class<?> handlerClass(String function) {
        String handler = TEMPLATE.properties(function).path("Handler").asText();
        assertThat(handler).as("handler of %s", function).matches("[A-Za-z0-9_.$]+::[A-Za-z0-9_]+");
        try {
            return Class.forName(handler.split("::")[0]);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(function + ": handler class " + handler + " is not on the class path", e);
        }
    }

    private static String roleOf(String function) {
        return Template.getAtt(TEMPLATE.properties(function).path("Role"), "Arn").orElseThrow();
    }

    private static String substitutedFunction(JsonNode task, JsonNode substitutions) {
        assertThat(task.path("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
        String variable = StateMachineDefinition.placeholder(task.path("Parameters").path("FunctionName"));
        return Template.getAtt(substitutions.path(variable), "Arn").orElseThrow();
    }

    private static String queueId(String queueName) {
        return TEMPLATE.ofType("AWS::SQS::Queue").entrySet().stream()
                .filter(e -> Template.stackScopedName(e.getValue().path("Properties").path("QueueName")).equals(Optional.of(queueName)))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no queue named " + queueName));
    }

    private static String queueName(String queueId) {
        return Template.stackScopedName(TEMPLATE.properties(queueId).path("QueueName")).orElseThrow();
    }

    private static String makefileVariable(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*:=\\s*(\\S+)").matcher(readMakefile());
        assertThat(m.find()).as("Makefile sets %s", name).isTrue();
        return m.group(1);
    }

    private static String readMakefile() {
        try {
            return Files.readString(Path.of("Makefile"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode ref(String logicalId) {
        return Json.MAPPER.createObjectNode().put("Ref", logicalId);
    }

    private static ObjectNode getAtt(String logicalId, String attribute) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode args = node.putArray("Fn::GetAtt");
        args.add(logicalId).add(attribute);
        return node;
    }
}
