package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The SAM template as a JSON tree (intrinsic functions in long form), with lookups the checks share. */
final class Template {
    static final Path FILE = Path.of("template.yaml");
    static final String STACK_PREFIX = "${AWS::StackName}-";

    private final JsonNode root;

    private Template(JsonNode root) {
        this.root = root;
    }

    static Template load() {
        try {
            return new Template(CloudFormationYaml.read(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy changed by {@code change}, for showing that a check notices a change. */
    Template with(Consumer<ObjectNode> change) {
        ObjectNode copy = root.deepCopy();
        change.accept(copy);
        return new Template(copy);
    }

    JsonNode root() {
        return root;
    }

    JsonNode resources() {
        return root.path("Resources");
    }

    JsonNode resource(String logicalId) {
        return resources().path(logicalId);
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    /** Resources of one type, by logical id, in template order. */
    Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** A function's property, or the one of Globals.Function when the function has none. */
    JsonNode functionProperty(String logicalId, String name) {
        JsonNode own = properties(logicalId).path(name);
        return own.isMissingNode() ? root.path("Globals").path("Function").path(name) : own;
    }

    /** The environment variable of a function (its own, else the global one). */
    JsonNode environmentVariable(String function, String variable) {
        JsonNode own = properties(function).path("Environment").path("Variables").path(variable);
        return own.isMissingNode() ? root.path("Globals").path("Function").path("Environment").path("Variables").path(variable) : own;
    }

    /** The logical id a {@code {"Ref": id}} names. */
    static Optional<String> ref(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("Ref") ? Optional.of(node.get("Ref").asText()) : Optional.empty();
    }

    /** The logical id a {@code {"Fn::GetAtt": [id, attribute]}} names. */
    static Optional<String> getAtt(JsonNode node, String attribute) {
        JsonNode args = node.path("Fn::GetAtt");
        return args.isArray() && args.size() == 2 && args.get(1).asText().equals(attribute)
                ? Optional.of(args.get(0).asText()) : Optional.empty();
    }

    /** The name after the stack prefix of a {@code {"Fn::Sub": "${AWS::StackName}-name"}}. */
    static Optional<String> stackScopedName(JsonNode node) {
        String sub = node.path("Fn::Sub").asText("");
        return sub.startsWith(STACK_PREFIX) && !sub.substring(STACK_PREFIX.length()).contains("$")
                ? Optional.of(sub.substring(STACK_PREFIX.length())) : Optional.empty();
    }

    /** A node that is one value or a list of values, as a list. */
    static Iterable<JsonNode> oneOrMany(JsonNode node) {
        return node.isArray() ? node : java.util.List.of(node);
    }
}
