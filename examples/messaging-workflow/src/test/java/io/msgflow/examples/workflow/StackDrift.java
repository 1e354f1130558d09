package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.filter.FilterScope;
import io.msgflow.internal.Json;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where the SAM template and the Java declaration of the workflow disagree: the topic, every
 * queue's settings and redrive, every subscription's filter policy, scope and raw delivery, the
 * queue policies that let only the topic send, and the tables the functions write to. Empty when
 * they agree. Names in the template are {@code ${AWS::StackName}-} plus the Java name.
 */
final class StackDrift {
    private static final long SQS_DEFAULT_VISIBILITY = 30;
    private static final long SQS_DEFAULT_RETENTION = 345_600;
    private static final String DEFAULT_SCOPE = FilterScope.MESSAGE_ATTRIBUTES.wireName();

    private final Template template;
    private final Topology topology;
    private final List<String> differences = new ArrayList<>();
    private final Map<String, String> queueIds = new LinkedHashMap<>();
    private String topicId;

    private StackDrift(Template template, Topology topology) {
        this.template = template;
        this.topology = topology;
    }

    static List<String> between(Template template, Topology topology, Map<String, String> tables) {
        StackDrift drift = new StackDrift(template, topology);
        drift.topic();
        drift.queues();
        drift.subscriptions();
        drift.queuePolicies();
        drift.tables(tables);
        return drift.differences;
    }

    private void topic() {
        Map<String, JsonNode> topics = template.ofType("AWS::SNS::Topic");
        if (topics.size() != 1) {
            differ("the template must declare one SNS topic, but declares " + topics.keySet());
            return;
        }
        topicId = topics.keySet().iterator().next();
        JsonNode properties = template.properties(topicId);
        Optional<String> name = Template.stackScopedName(properties.path("TopicName"));
        if (!name.equals(Optional.of(topology.topic()))) {
            differ("topic " + topicId + ": TopicName must be ${AWS::StackName}-" + topology.topic() + ", but was " + properties.path("TopicName"));
        }
        if (properties.path("FifoTopic").asBoolean(false) != topology.isFifo()) {
            differ("topic " + topicId + ": FifoTopic must be " + topology.isFifo());
        }
    }

    private void queues() {
        template.ofType("AWS::SQS::Queue").forEach((id, queue) -> {
            Optional<String> name = Template.stackScopedName(queue.path("Properties").path("QueueName"));
            if (name.isEmpty()) {
                differ("queue " + id + ": QueueName must be ${AWS::StackName}- and a queue name, but was " + queue.path("Properties").path("QueueName"));
            } else {
                queueIds.put(name.get(), id);
            }
        });
        TreeSet<String> declared = new TreeSet<>();
        topology.queues().forEach(q -> declared.add(q.name()));
        if (!declared.equals(new TreeSet<>(queueIds.keySet()))) {
            differ("queues: the topology declares " + declared + ", the template " + new TreeSet<>(queueIds.keySet()));
        }
        topology.queues().stream().filter(q -> queueIds.containsKey(q.name())).forEach(this::queue);
    }

    private void queue(QueueSpec spec) {
        String id = queueIds.get(spec.name());
        JsonNode properties = template.properties(id);
        compare(id, "VisibilityTimeout", spec.visibilityTimeout().toSeconds(), properties.path("VisibilityTimeout").asLong(SQS_DEFAULT_VISIBILITY));
        compare(id, "MessageRetentionPeriod", spec.retention().toSeconds(), properties.path("MessageRetentionPeriod").asLong(SQS_DEFAULT_RETENTION));
        compare(id, "DelaySeconds", spec.delay().toSeconds(), properties.path("DelaySeconds").asLong(0));
        compare(id, "FifoQueue", spec.isFifo(), properties.path("FifoQueue").asBoolean(false));
        JsonNode redrive = properties.path("RedrivePolicy");
        Optional<RedrivePolicy> expected = spec.redrive();
        if (expected.isEmpty() != redrive.isMissingNode()) {
            differ("queue " + id + ": the topology has " + expected.map(Object::toString).orElse("no redrive") + ", the template "
                    + (redrive.isMissingNode() ? "no RedrivePolicy" : redrive));
            return;
        }
        expected.ifPresent(r -> {
            compare(id, "RedrivePolicy.maxReceiveCount", (long) r.maxReceiveCount(), redrive.path("maxReceiveCount").asLong(-1));
            Optional<String> target = Template.getAtt(redrive.path("deadLetterTargetArn"), "Arn");
            if (!target.equals(Optional.ofNullable(queueIds.get(r.deadLetterQueue())))) {
                differ("queue " + id + ": RedrivePolicy.deadLetterTargetArn must be the Arn of the queue named " + r.deadLetterQueue()
                        + ", but was " + redrive.path("deadLetterTargetArn"));
            }
        });
    }

    private void subscriptions() {
        Map<String, String> subscriptionByQueue = new LinkedHashMap<>();
        template.ofType("AWS::SNS::Subscription").forEach((id, subscription) -> {
            JsonNode properties = subscription.path("Properties");
            String queue = Template.getAtt(properties.path("Endpoint"), "Arn").map(this::queueName).orElse(null);
            if (queue == null || !properties.path("Protocol").asText().equals("sqs")) {
                differ("subscription " + id + ": must subscribe a queue of the template (Protocol sqs, Endpoint its Arn)");
                return;
            }
            if (!Template.ref(properties.path("TopicArn")).equals(Optional.ofNullable(topicId))) {
                differ("subscription " + id + ": TopicArn must be the Ref of " + topicId + ", but was " + properties.path("TopicArn"));
            }
            subscriptionByQueue.put(queue, id);
        });
        TreeSet<String> routed = new TreeSet<>();
        topology.routes().forEach(r -> routed.add(r.queue()));
        if (!routed.equals(new TreeSet<>(subscriptionByQueue.keySet()))) {
            differ("subscriptions: the topology routes to " + routed + ", the template subscribes " + new TreeSet<>(subscriptionByQueue.keySet()));
        }
        topology.routes().stream().filter(r -> subscriptionByQueue.containsKey(r.queue()))
                .forEach(r -> subscription(r, subscriptionByQueue.get(r.queue())));
    }

    private void subscription(Route route, String id) {
        JsonNode properties = template.properties(id);
        compare(id, "RawMessageDelivery", route.delivery() == Delivery.RAW, properties.path("RawMessageDelivery").asBoolean(false));
        JsonNode policy = properties.path("FilterPolicy");
        Optional<FilterPolicy> expected = route.filterPolicy();
        if (policy.isMissingNode() || expected.isEmpty()) {
            if (policy.isMissingNode() != expected.isEmpty()) {
                differ("subscription " + id + ": the route to " + route.queue() + " has " + expected.map(Object::toString).orElse("no filter policy")
                        + ", the template " + (policy.isMissingNode() ? "none" : Json.write(policy)));
            }
            return;
        }
        String scope = properties.path("FilterPolicyScope").asText(DEFAULT_SCOPE);
        try {
            FilterPolicy declared = FilterPolicy.parse(Json.write(policy), FilterScope.fromWireName(scope));
            if (!declared.equals(expected.get())) {
                differ("subscription " + id + ": FilterPolicy " + declared + " differs from the route's " + expected.get());
            }
        } catch (RuntimeException e) {
            differ("subscription " + id + ": FilterPolicy " + Json.write(policy) + " in scope " + scope + " is invalid: " + e.getMessage());
        }
    }

    /** Every subscribed queue lets SNS send to it, only on behalf of the topic. */
    private void queuePolicies() {
        Map<String, JsonNode> policies = template.ofType("AWS::SQS::QueuePolicy");
        for (Route route : topology.routes()) {
            String queueId = queueIds.get(route.queue());
            if (queueId == null) {
                continue;
            }
            List<JsonNode> statements = new ArrayList<>();
            policies.values().stream()
                    .filter(p -> contains(p.path("Properties").path("Queues"), queueId))
                    .forEach(p -> Template.oneOrMany(p.path("Properties").path("PolicyDocument").path("Statement")).forEach(statements::add));
            if (statements.size() != 1 || !allowsOnlyTheTopic(statements.get(0), queueId)) {
                differ("queue " + queueId + ": needs one queue policy statement allowing sns.amazonaws.com to sqs:SendMessage to its Arn"
                        + " on condition ArnEquals aws:SourceArn = the topic, but has " + statements);
            }
        }
    }

    private boolean allowsOnlyTheTopic(JsonNode statement, String queueId) {
        return statement.path("Effect").asText().equals("Allow")
                && statement.path("Principal").path("Service").asText().equals("sns.amazonaws.com")
                && statement.path("Action").asText().equals("sqs:SendMessage")
                && Template.getAtt(statement.path("Resource"), "Arn").equals(Optional.of(queueId))
                && Template.ref(statement.path("Condition").path("ArnEquals").path("aws:SourceArn")).equals(Optional.ofNullable(topicId));
    }

    private void tables(Map<String, String> tables) {
        template.ofType("AWS::Serverless::Function").keySet().forEach(function -> {
            JsonNode value = template.environmentVariable(function, "MSGFLOW_TABLES");
            if (!value.isMissingNode() && !parseTables(value.asText()).equals(tables)) {
                differ("function " + function + ": MSGFLOW_TABLES must map " + tables + ", but was '" + value.asText() + "'");
            }
        });
    }

    private static Map<String, String> parseTables(String text) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] pair = entry.split("=", 2);
            tables.put(pair[0].trim(), pair.length > 1 ? pair[1].trim() : "");
        }
        return tables;
    }

    private String queueName(String logicalId) {
        return queueIds.entrySet().stream().filter(e -> e.getValue().equals(logicalId)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static boolean contains(JsonNode list, String logicalId) {
        for (JsonNode item : Template.oneOrMany(list)) {
            if (Template.ref(item).equals(Optional.of(logicalId))) {
                return true;
            }
        }
        return false;
    }

    private void compare(String id, String property, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differ(id + ": " + property + " is " + expected + " in the topology, but " + actual + " in the template");
        }
    }

    private void differ(String difference) {
        differences.add(difference);
    }
}
