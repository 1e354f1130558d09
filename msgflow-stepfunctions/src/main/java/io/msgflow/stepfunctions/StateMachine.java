package io.msgflow.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.InvalidDefinitionException.Violation;
import io.msgflow.stepfunctions.internal.DefinitionValidator;
import io.msgflow.stepfunctions.internal.Definitions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine definition in the Amazon States Language, parsed and checked against the
 * language's rules: once built, it is valid. Run it with a {@link StateMachineRunner}.
 *
 * <p>Checked before anything runs: the fields each state type allows, {@code Next}/{@code End},
 * transitions to existing states of the same scope (a branch cannot leave its branch), every
 * state reachable from {@code StartAt}, a terminal state in each machine, choice rules (one
 * operator, operand types, no {@code Next} in nested rules), retriers and catchers
 * ({@code States.ALL} alone and last, known {@code States.*} names, value ranges), paths (reference
 * paths where the specification requires them), {@code .$} fields and intrinsic-function syntax,
 * Wait and Fail field combinations, timeouts. Immutable and thread-safe.
 */
public final class StateMachine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final JsonNode definition;

    private StateMachine(JsonNode definition) {
        this.definition = definition;
    }

    /**
     * @throws InvalidDefinitionException when the text is not JSON or the definition breaks a rule
     */
    public static StateMachine parse(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return of(Definitions.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of(new Violation("(root)", "the definition is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())));
        }
    }

    /**
     * Replaces each {@code ${Name}} (letters, digits and underscores) with its value, as
     * CloudFormation's {@code DefinitionSubstitutions} do, then parses; other {@code ${...}} text
     * stays as it is.
     *
     * @throws InvalidDefinitionException listing the placeholders without a value, or the rules broken
     */
    public static StateMachine parse(String json, Map<String, String> substitutions) {
        Objects.requireNonNull(json, "json");
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(json);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                missing.add(m.group(1));
                m.appendReplacement(text, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(text, Matcher.quoteReplacement(jsonStringContent(value)));
            }
        }
        m.appendTail(text);
        if (!missing.isEmpty()) {
            List<Violation> violations = new ArrayList<>();
            missing.forEach(name -> violations.add(new Violation("${" + name + "}", "has no value among the substitutions "
                    + new java.util.TreeSet<>(substitutions.keySet()))));
            throw new InvalidDefinitionException(violations);
        }
        return parse(text.toString());
    }

    /** A value escaped for use inside a JSON string, where placeholders stand. */
    private static String jsonStringContent(String value) {
        String quoted = Definitions.toJson(Definitions.MAPPER.getNodeFactory().textNode(value));
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * @throws InvalidDefinitionException listing every rule the definition breaks
     */
    public static StateMachine of(JsonNode definition) {
        Objects.requireNonNull(definition, "definition");
        List<Violation> violations = DefinitionValidator.validate(definition);
        if (!violations.isEmpty()) {
            throw new InvalidDefinitionException(violations);
        }
        return new StateMachine(definition.deepCopy());
    }

    /** The definition (a copy). */
    public JsonNode definition() {
        return definition.deepCopy();
    }

    JsonNode root() {
        return definition;
    }

    /** Every Task state's {@code Resource} with the state's path, for checking a runner covers them. */
    Map<String, String> taskResources() {
        Map<String, String> resources = new java.util.LinkedHashMap<>();
        collect("", definition, resources);
        return resources;
    }

    private static void collect(String prefix, JsonNode machine, Map<String, String> resources) {
        for (Map.Entry<String, JsonNode> entry : machine.get("States").properties()) {
            JsonNode state = entry.getValue();
            String where = prefix + entry.getKey();
            if (state.has("Resource")) {
                resources.put(where, state.get("Resource").asText());
            }
            JsonNode branches = state.path("Branches");
            for (int i = 0; i < branches.size(); i++) {
                collect(where + ".Branches[" + i + "].", branches.get(i), resources);
            }
            JsonNode body = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            if (body != null) {
                collect(where + ".ItemProcessor.", body, resources);
            }
        }
    }
}
