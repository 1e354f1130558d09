package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every reference of a template that does not resolve: {@code Ref}, {@code Fn::GetAtt} (to an
 * attribute the resource type has), the variables of {@code Fn::Sub}, {@code Fn::FindInMap},
 * the conditions of {@code Fn::If} and {@code Condition}, and {@code DependsOn}.
 */
final class TemplateReferences {
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl"),
            "AWS::SNS::Topic", Set.of("TopicArn", "TopicName"),
            "AWS::IAM::Role", Set.of("Arn", "RoleId"),
            "AWS::Logs::LogGroup", Set.of("Arn"),
            "AWS::SecretsManager::Secret", Set.of("Id"),
            "AWS::Serverless::Function", Set.of("Arn"),
            "AWS::Serverless::StateMachine", Set.of("Arn", "Name"),
            "AWS::Lambda::EventSourceMapping", Set.of("Id"));
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final JsonNode root;
    private final List<String> unresolved = new ArrayList<>();

    private TemplateReferences(JsonNode root) {
        this.root = root;
    }

    static List<String> unresolved(Template template) {
        TemplateReferences references = new TemplateReferences(template.root());
        references.resourceAttributes();
        for (String section : List.of("Conditions", "Globals", "Resources", "Outputs")) {
            references.walk(template.root().path(section), section, Set.of());
        }
        return references.unresolved;
    }

    private void resourceAttributes() {
        root.path("Resources").properties().forEach(e -> {
            String where = "Resources." + e.getKey();
            JsonNode condition = e.getValue().path("Condition");
            if (condition.isTextual() && !root.path("Conditions").has(condition.asText())) {
                unresolved.add(where + ": Condition " + condition.asText() + " is not declared");
            }
            for (JsonNode dependency : Template.oneOrMany(e.getValue().path("DependsOn"))) {
                if (!dependency.isMissingNode() && !root.path("Resources").has(dependency.asText())) {
                    unresolved.add(where + ": DependsOn " + dependency.asText() + " is not a resource");
                }
            }
        });
    }

    private void walk(JsonNode node, String where, Set<String> localVariables) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]", localVariables);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode args = node.get(function);
            switch (function) {
                case "Ref" -> name(args.asText(), where, "Ref");
                case "Fn::GetAtt" -> attribute(args.path(0).asText(), args.path(1).asText(), where);
                case "Fn::Sub" -> sub(args, where, localVariables);
                case "Fn::FindInMap" -> findInMap(args, where);
                case "Fn::If" -> condition(args.path(0).asText(), where);
                case "Condition" -> condition(args.asText(), where);
                default -> { }
            }
            if (function.equals("Fn::Sub")) {
                return;
            }
        }
        node.properties().forEach(e -> {
            if (!(e.getKey().equals("Condition") && e.getValue().isTextual())) {
                walk(e.getValue(), where + "." + e.getKey(), localVariables);
            }
        });
    }

    private void name(String name, String where, String function) {
        if (!PSEUDO_PARAMETERS.contains(name) && !root.path("Parameters").has(name) && !root.path("Resources").has(name)) {
            unresolved.add(where + ": " + function + " " + name + " is neither a parameter nor a resource");
        }
    }

    private void attribute(String resource, String attribute, String where) {
        JsonNode declared = root.path("Resources").path(resource);
        if (declared.isMissingNode()) {
            unresolved.add(where + ": Fn::GetAtt " + resource + "." + attribute + " names no resource");
            return;
        }
        Set<String> known = ATTRIBUTES.getOrDefault(declared.path("Type").asText(), Set.of());
        if (!known.contains(attribute)) {
            unresolved.add(where + ": Fn::GetAtt " + resource + "." + attribute + ": a " + declared.path("Type").asText()
                    + " has the attributes " + known);
        }
    }

    private void sub(JsonNode args, String where, Set<String> outerVariables) {
        String text = args.isArray() ? args.path(0).asText() : args.asText();
        Set<String> variables = new HashSet<>(outerVariables);
        if (args.isArray()) {
            args.path(1).fieldNames().forEachRemaining(variables::add);
            walk(args.path(1), where + ".Fn::Sub", outerVariables);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String variable = m.group(1);
            int dot = variable.indexOf('.');
            if (variables.contains(variable)) {
                continue;
            }
            if (dot > 0 && !variable.startsWith("AWS::")) {
                attribute(variable.substring(0, dot), variable.substring(dot + 1), where + " (Fn::Sub)");
            } else {
                name(variable, where, "Fn::Sub variable");
            }
        }
    }

    private void findInMap(JsonNode args, String where) {
        JsonNode map = root.path("Mappings").path(args.path(0).asText());
        if (map.isMissingNode()) {
            unresolved.add(where + ": Fn::FindInMap " + args.path(0).asText() + " is not a mapping");
            return;
        }
        JsonNode top = args.path(1);
        JsonNode second = args.path(2);
        Iterable<JsonNode> entries = top.isTextual() ? List.of(map.path(top.asText())) : map;
        if (top.isTextual() && map.path(top.asText()).isMissingNode()) {
            unresolved.add(where + ": Fn::FindInMap " + args.path(0).asText() + " has no key " + top.asText());
        }
        if (!second.isTextual()) {
            return;
        }
        for (JsonNode entry : entries) {
            if (!entry.isMissingNode() && !entry.has(second.asText())) {
                unresolved.add(where + ": Fn::FindInMap " + args.path(0).asText() + " lacks " + second.asText() + " under a key");
            }
        }
    }

    private void condition(String name, String where) {
        if (!root.path("Conditions").has(name)) {
            unresolved.add(where + ": condition " + name + " is not declared");
        }
    }
}
