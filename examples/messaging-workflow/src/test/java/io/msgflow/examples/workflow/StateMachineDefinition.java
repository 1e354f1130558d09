package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The state machine's ASL definition, with its {@code ${...}} placeholders (the template's DefinitionSubstitutions). */
final class StateMachineDefinition {
    static final Path FILE = Path.of("statemachine", "workflow.asl.json");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final String text;
    private final JsonNode root;

    private StateMachineDefinition(String text) {
        this.text = text;
        try {
            this.root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateMachineDefinition load(Path file) {
        try {
            return new StateMachineDefinition(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode state(String name) {
        return root.path("States").path(name);
    }

    /** The first state of each branch of the Parallel state {@code parallel}, in branch order. */
    List<JsonNode> branchStarts(String parallel) {
        List<JsonNode> starts = new ArrayList<>();
        for (JsonNode branch : state(parallel).path("Branches")) {
            starts.add(branch.path("States").path(branch.path("StartAt").asText()));
        }
        return starts;
    }

    /** The names of the first states of the branches of {@code parallel}. */
    List<String> branchStartNames(String parallel) {
        List<String> names = new ArrayList<>();
        state(parallel).path("Branches").forEach(branch -> names.add(branch.path("StartAt").asText()));
        return names;
    }

    /** Every {@code ${Name}} the definition holds. */
    Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The placeholder name of a value such as {@code "${AlertsQueueUrl}"}. */
    static String placeholder(JsonNode value) {
        Matcher m = PLACEHOLDER.matcher(value.asText());
        return m.matches() ? m.group(1) : null;
    }
}
