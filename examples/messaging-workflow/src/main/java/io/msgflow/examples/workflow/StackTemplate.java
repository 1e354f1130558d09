package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code template.yaml} read for a local run: its state machine (definition file and
 * {@code DefinitionSubstitutions}) and its functions, with the values CloudFormation would
 * compute resolved to their local counterparts: a topic or queue {@code Ref} to the local ARN or
 * URL of the same name (without the {@code ${AWS::StackName}-} prefix, as the local run has no
 * stack), a function's {@code Arn} to a local function ARN, {@code Fn::Join} and {@code Fn::Sub}
 * of those. What has no local counterpart (parameters, the secret) stays unresolved.
 */
final class StackTemplate {
    static final String ACCOUNT = "123456789012";
    private static final String STACK_PREFIX = "${AWS::StackName}-";

    private final JsonNode resources;
    private final JsonNode globals;
    private final Path directory;
    private final String region;

    private StackTemplate(JsonNode template, Path directory, String region) {
        this.resources = template.path("Resources");
        this.globals = template.path("Globals").path("Function");
        this.directory = directory;
        this.region = region;
    }

    /** Reads {@code template.yaml} of {@code exampleDirectory}; ARNs and URLs name {@code region}. */
    static StackTemplate load(Path exampleDirectory, String region) {
        try {
            return new StackTemplate(CloudFormationYaml.read(exampleDirectory.resolve("template.yaml")), exampleDirectory, region);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + exampleDirectory.resolve("template.yaml") + ": " + e.getMessage(), e);
        }
    }

    /** The logical id of the one state machine. */
    String stateMachineId() {
        List<String> ids = ofType("AWS::Serverless::StateMachine");
        if (ids.size() != 1) {
            throw new InvalidConfigurationException("template.yaml", "template.yaml must define one AWS::Serverless::StateMachine, but defines "
                    + ids);
        }
        return ids.get(0);
    }

    /** The text of the state machine's {@code DefinitionUri} file. */
    String definition() {
        Path file = directory.resolve(properties(stateMachineId()).path("DefinitionUri").asText());
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine definition " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code DefinitionSubstitutions}, resolved.
     *
     * @throws InvalidConfigurationException naming a substitution without a local value
     */
    Map<String, String> substitutions() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : properties(stateMachineId()).path("DefinitionSubstitutions").properties()) {
            values.put(entry.getKey(), resolve(entry.getValue()).orElseThrow(() -> new InvalidConfigurationException(entry.getKey(),
                    "DefinitionSubstitutions." + entry.getKey() + " of template.yaml has no local value: " + entry.getValue())));
        }
        return values;
    }

    /** The functions of the template, by logical id. */
    Map<String, TemplateFunction> functions() {
        Map<String, TemplateFunction> functions = new LinkedHashMap<>();
        for (String id : ofType("AWS::Serverless::Function")) {
            JsonNode p = properties(id);
            ObjectNode environment = Json.MAPPER.createObjectNode();
            for (JsonNode variables : List.of(globals.path("Environment").path("Variables"), p.path("Environment").path("Variables"))) {
                if (variables.isObject()) {
                    environment.setAll((ObjectNode) variables.deepCopy());
                }
            }
            String handler = p.path("Handler").asText(globals.path("Handler").asText());
            functions.put(id, new TemplateFunction(id, handler.split("::", 2)[0], p.path("Timeout").asInt(globals.path("Timeout").asInt(3)),
                    p.path("MemorySize").isInt() ? p.path("MemorySize").asInt() : 512, environment));
        }
        return functions;
    }

    /** The local ARN of a function. */
    String functionArn(String logicalId) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + logicalId;
    }

    /** The local value of a template value, when it has one. */
    Optional<String> resolve(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return Optional.of(value.asText());
        }
        if (value.has("Ref")) {
            return ref(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt") && value.get("Fn::GetAtt").path(1).asText().equals("Arn")) {
            return arn(value.get("Fn::GetAtt").path(0).asText());
        }
        if (value.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : value.get("Fn::Join").path(1)) {
                Optional<String> resolved = resolve(part);
                if (resolved.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(resolved.get());
            }
            return Optional.of(String.join(value.get("Fn::Join").path(0).asText(), parts));
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            String text = value.get("Fn::Sub").asText().replace(STACK_PREFIX, "").replace("${AWS::Region}", region)
                    .replace("${AWS::AccountId}", ACCOUNT);
            return text.contains("${") ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }

    private Optional<String> ref(String id) {
        return switch (type(id)) {
            case "AWS::SNS::Topic" -> Optional.of("arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name(id, "TopicName"));
            case "AWS::SQS::Queue" -> Optional.of("https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + name(id, "QueueName"));
            case "AWS::Serverless::Function" -> Optional.of(id);
            default -> Optional.empty();
        };
    }

    private Optional<String> arn(String id) {
        return switch (type(id)) {
            case "AWS::Serverless::Function" -> Optional.of(functionArn(id));
            case "AWS::SQS::Queue" -> Optional.of("arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + name(id, "QueueName"));
            default -> Optional.empty();
        };
    }

    private String name(String id, String property) {
        JsonNode name = properties(id).get(property);
        return name == null ? id : resolve(name).orElse(id);
    }

    private String type(String id) {
        return resources.path(id).path("Type").asText("");
    }

    private JsonNode properties(String id) {
        return resources.path(id).path("Properties");
    }

    private List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }
}
