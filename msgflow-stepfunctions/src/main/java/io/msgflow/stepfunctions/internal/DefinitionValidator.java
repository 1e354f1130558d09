package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.InvalidDefinitionException.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a definition against the rules of the States Language before anything runs, and lists
 * every violation with its location. Beyond the specification it refuses what this interpreter
 * does not run: JSONata, distributed Map, {@code .sync} and {@code .waitForTaskToken} integrations.
 */
public final class DefinitionValidator {
    public static final int MAX_STATE_NAME = 80;
    static final long MAX_SECONDS = 99_999_999L;
    static final long MAX_DELAY_SECONDS = 31_622_400L;
    private static final Set<String> KNOWN_ERRORS = Set.of("States.ALL", "States.DataLimitExceeded", "States.ExceedToleratedFailureThreshold",
            "States.HeartbeatTimeout", "States.Http.Socket", "States.IntrinsicFailure", "States.ItemReaderFailed", "States.NoChoiceMatched",
            "States.ParameterPathFailure", "States.Permissions", "States.ResultPathMatchFailure", "States.ResultWriterFailed",
            "States.Runtime", "States.Timeout", "States.TaskFailed", "States.BranchFailed", "States.QueryEvaluationError");
    private static final Set<String> COMMON = Set.of("Type", "Comment");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath");
    private static final Set<String> TRANSITION = Set.of("Next", "End");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task", union(COMMON, IO, TRANSITION, Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials")),
            "Parallel", union(COMMON, IO, TRANSITION, Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch")),
            "Map", union(COMMON, IO, TRANSITION, Set.of("ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator",
                    "MaxConcurrency", "ResultSelector", "ResultPath", "Retry", "Catch")),
            "Pass", union(COMMON, IO, TRANSITION, Set.of("Result", "Parameters", "ResultPath")),
            "Wait", union(COMMON, IO, TRANSITION, Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")),
            "Choice", union(COMMON, IO, Set.of("Choices", "Default")),
            "Succeed", union(COMMON, IO),
            "Fail", union(COMMON, Set.of("Error", "Cause", "ErrorPath", "CausePath")));

    private final List<Violation> violations = new ArrayList<>();

    private DefinitionValidator() {
    }

    /** Every rule {@code definition} breaks; empty when it is valid. */
    public static List<Violation> validate(JsonNode definition) {
        DefinitionValidator validator = new DefinitionValidator();
        if (!definition.isObject()) {
            validator.add("(root)", "the definition must be a JSON object, but was a JSON " + definition.getNodeType());
            return validator.violations;
        }
        validator.only("(root)", definition, Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds"));
        validator.positiveSeconds("(root)", definition, "TimeoutSeconds");
        if (definition.has("Version") && !definition.get("Version").isTextual()) {
            validator.add("(root).Version", "must be a string such as \"1.0\"");
        }
        validator.machine("", definition);
        return validator.violations;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    private void add(String location, String rule) {
        violations.add(new Violation(location, rule));
    }

    private void only(String location, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                add(location, "has the field '" + name + "', which is not allowed here; allowed: " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    /** A state machine or a branch: StartAt, States, transitions inside, every state reachable. */
    private void machine(String prefix, JsonNode machine) {
        String where = prefix.isEmpty() ? "(root)" : prefix;
        JsonNode states = machine.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            add(where, "'States' must be an object with at least one state");
            return;
        }
        JsonNode startAt = machine.get("StartAt");
        if (startAt == null || !startAt.isTextual()) {
            add(where, "'StartAt' must name the first state");
        } else if (!states.has(startAt.asText())) {
            add(where, "'StartAt' names the state '" + startAt.asText() + "', which is not in its 'States' " + names(states));
        }
        boolean terminal = false;
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            String location = prefix + "States." + entry.getKey();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_STATE_NAME) {
                add(location, "a state name must have 1 to " + MAX_STATE_NAME + " characters, but had " + entry.getKey().length());
            }
            terminal |= state(location, entry.getValue(), states);
        }
        if (!terminal) {
            add(where, "must have a terminal state (Succeed, Fail, or one with \"End\": true)");
        }
        if (startAt != null && states.has(startAt.asText())) {
            reachability(prefix, startAt.asText(), states);
        }
    }

    private static String names(JsonNode states) {
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private void reachability(String prefix, String start, JsonNode states) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            JsonNode state = states.get(name);
            if (state == null || !reached.add(name)) {
                continue;
            }
            targets(state).forEach(todo::push);
        }
        states.fieldNames().forEachRemaining(name -> {
            if (!reached.contains(name)) {
                add(prefix + "States." + name, "is not reachable from 'StartAt' (no state's Next, Default, Choices or Catch leads to it)");
            }
        });
    }

    private static List<String> targets(JsonNode state) {
        List<String> targets = new ArrayList<>();
        state.path("Catch").forEach(c -> targets.add(c.path("Next").asText()));
        state.path("Choices").forEach(c -> targets.add(c.path("Next").asText()));
        if (state.has("Next")) {
            targets.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            targets.add(state.get("Default").asText());
        }
        return targets;
    }

    /** @return whether the state ends its machine */
    private boolean state(String location, JsonNode state, JsonNode states) {
        if (!state.isObject()) {
            add(location, "a state must be a JSON object");
            return false;
        }
        String type = state.path("Type").asText("");
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            add(location, "'Type' must be one of " + new java.util.TreeSet<>(FIELDS.keySet()) + ", but was '" + type + "'"
                    + (state.has("QueryLanguage") ? " (JSONata is not supported)" : ""));
            return false;
        }
        only(location, state, allowed);
        boolean terminal = switch (type) {
            case "Choice" -> choice(location, state, states);
            case "Succeed", "Fail" -> true;
            default -> transition(location, state, states);
        };
        paths(location, state);
        switch (type) {
            case "Task" -> task(location, state, states);
            case "Parallel" -> parallel(location, state, states);
            case "Map" -> map(location, state, states);
            case "Wait" -> waitState(location, state);
            case "Fail" -> fail(location, state);
            default -> { }
        }
        return terminal;
    }

    private boolean transition(String location, JsonNode state, JsonNode states) {
        JsonNode end = state.get("End");
        boolean hasNext = state.has("Next");
        if (end != null && !end.isBoolean()) {
            add(location + ".End", "must be true or false, but was " + end);
        }
        boolean ends = end != null && end.asBoolean();
        if (hasNext && ends) {
            add(location, "has both 'Next' and \"End\": true; it must have exactly one");
        } else if (!hasNext && !ends) {
            add(location, "has neither 'Next' nor \"End\": true; a " + state.path("Type").asText() + " state must have exactly one");
        }
        if (hasNext) {
            target(location + ".Next", state.get("Next"), states);
        }
        return ends;
    }

    private void target(String location, JsonNode next, JsonNode states) {
        if (next == null || !next.isTextual()) {
            add(location, "must name a state");
        } else if (!states.has(next.asText())) {
            add(location, "names the state '" + next.asText() + "', which does not exist here; the states here are " + names(states));
        }
    }

    private void paths(String location, JsonNode state) {
        for (String field : List.of("InputPath", "OutputPath")) {
            path(location + "." + field, state.get(field), false, true);
        }
        path(location + ".ResultPath", state.get("ResultPath"), true, true);
        path(location + ".ItemsPath", state.get("ItemsPath"), true, false);
        for (String field : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(field)) {
                template(location + "." + field, state.get(field));
            }
        }
        if (state.has("ResultSelector") && !state.get("ResultSelector").isObject()) {
            add(location + ".ResultSelector", "must be a JSON object");
        }
    }

    private void path(String location, JsonNode value, boolean reference, boolean nullable) {
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual()) {
            add(location, "must be a path string" + (nullable ? " or null" : ""));
            return;
        }
        try {
            JsonPath path = JsonPath.parse(value.asText());
            if (reference && !path.isReferencePath()) {
                add(location, "must be a reference path (names and indices only, no wildcards, filters, slices or '..'), but was '"
                        + value.asText() + "'");
            }
            if (reference && path.isContext()) {
                add(location, "must refer to the state's input ($), not the context object ($$)");
            }
        } catch (IllegalArgumentException e) {
            add(location, e.getMessage());
        }
    }

    private void template(String location, JsonNode template) {
        if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                template(location + "[" + i + "]", template.get(i));
            }
            return;
        }
        if (!template.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            String where = location + "." + field.getKey();
            if (!field.getKey().endsWith(".$")) {
                template(where, field.getValue());
            } else if (!field.getValue().isTextual()) {
                add(where, "a field ending in '.$' must hold a path or an intrinsic function as a string, but held " + field.getValue());
            } else {
                expression(where, field.getValue().asText());
            }
        }
    }

    private void expression(String location, String text) {
        try {
            if (Intrinsics.isCall(text)) {
                Intrinsics.check(text);
            } else {
                JsonPath.parse(text);
            }
        } catch (IllegalArgumentException e) {
            add(location, e.getMessage());
        }
    }

    private void task(String location, JsonNode state, JsonNode states) {
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isTextual() || !Resources.isArn(resource.asText())) {
            add(location + ".Resource", "must be an ARN (a Lambda function, arn:aws:states:::lambda:invoke, an activity or an integration), but was "
                    + resource);
        } else if (resource.asText().endsWith(".sync") || resource.asText().contains(".sync:") || resource.asText().endsWith(".waitForTaskToken")) {
            add(location + ".Resource", "the integration patterns .sync and .waitForTaskToken are not supported by this interpreter, but was '"
                    + resource.asText() + "'");
        } else if (Resources.isLambdaInvoke(resource.asText())) {
            JsonNode parameters = state.get("Parameters");
            if (parameters == null || !(parameters.has("FunctionName") || parameters.has("FunctionName.$"))) {
                add(location + ".Parameters", "arn:aws:states:::lambda:invoke needs 'Parameters' with 'FunctionName'");
            }
        }
        positiveSeconds(location, state, "TimeoutSeconds");
        positiveSeconds(location, state, "HeartbeatSeconds");
        exclusive(location, state, "TimeoutSeconds", "TimeoutSecondsPath");
        exclusive(location, state, "HeartbeatSeconds", "HeartbeatSecondsPath");
        path(location + ".TimeoutSecondsPath", state.get("TimeoutSecondsPath"), true, false);
        path(location + ".HeartbeatSecondsPath", state.get("HeartbeatSecondsPath"), true, false);
        if (state.path("HeartbeatSeconds").canConvertToLong() && state.path("TimeoutSeconds").canConvertToLong()
                && state.get("HeartbeatSeconds").asLong() >= state.get("TimeoutSeconds").asLong()) {
            add(location + ".HeartbeatSeconds", "must be smaller than TimeoutSeconds (" + state.get("TimeoutSeconds").asLong() + "), but was "
                    + state.get("HeartbeatSeconds").asLong());
        }
        retriersAndCatchers(location, state, states);
    }

    private void positiveSeconds(String location, JsonNode state, String field) {
        JsonNode value = state.get(field);
        if (value != null && (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_SECONDS)) {
            add(location + "." + field, "must be a whole number of seconds between 1 and " + MAX_SECONDS + ", but was " + value);
        }
    }

    private void exclusive(String location, JsonNode state, String a, String b) {
        if (state.has(a) && state.has(b)) {
            add(location, "has both '" + a + "' and '" + b + "'; at most one is allowed");
        }
    }

    private void parallel(String location, JsonNode state, JsonNode states) {
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            add(location + ".Branches", "must be an array of at least one branch");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                String where = location + ".Branches[" + i + "]";
                only(where, branches.get(i), Set.of("StartAt", "States", "Comment"));
                machine(where + ".", branches.get(i));
            }
        }
        retriersAndCatchers(location, state, states);
    }

    private void map(String location, JsonNode state, JsonNode states) {
        boolean processor = state.has("ItemProcessor");
        if (processor == state.has("Iterator")) {
            add(location, "must have exactly one of 'ItemProcessor' and 'Iterator'");
        }
        exclusive(location, state, "ItemSelector", "Parameters");
        JsonNode body = processor ? state.get("ItemProcessor") : state.get("Iterator");
        if (body != null) {
            String where = location + (processor ? ".ItemProcessor" : ".Iterator");
            only(where, body, Set.of("StartAt", "States", "Comment", "ProcessorConfig"));
            String mode = body.path("ProcessorConfig").path("Mode").asText("INLINE");
            if (!mode.equals("INLINE")) {
                add(where + ".ProcessorConfig.Mode", "only INLINE is supported (a distributed Map is not), but was '" + mode + "'");
            }
            machine(where + ".", body);
        }
        JsonNode concurrency = state.get("MaxConcurrency");
        if (concurrency != null && (!concurrency.isIntegralNumber() || concurrency.asLong() < 0)) {
            add(location + ".MaxConcurrency", "must be a whole number of at least 0 (0 means no limit), but was " + concurrency);
        }
        retriersAndCatchers(location, state, states);
    }

    private void waitState(String location, JsonNode state) {
        long given = List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream().filter(state::has).count();
        if (given != 1) {
            add(location, "must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath', but had " + given);
        }
        JsonNode seconds = state.get("Seconds");
        if (seconds != null && (!seconds.isIntegralNumber() || seconds.asLong() < 0 || seconds.asLong() > MAX_SECONDS)) {
            add(location + ".Seconds", "must be a whole number of seconds between 0 and " + MAX_SECONDS + ", but was " + seconds);
        }
        JsonNode timestamp = state.get("Timestamp");
        if (timestamp != null && ChoiceRules.timestamp(timestamp) == null) {
            add(location + ".Timestamp", "must be an RFC 3339 timestamp such as 2026-03-14T01:59:00Z, but was " + timestamp);
        }
        path(location + ".SecondsPath", state.get("SecondsPath"), true, false);
        path(location + ".TimestampPath", state.get("TimestampPath"), true, false);
    }

    private void fail(String location, JsonNode state) {
        exclusive(location, state, "Error", "ErrorPath");
        exclusive(location, state, "Cause", "CausePath");
        for (String field : List.of("Error", "Cause")) {
            if (state.has(field) && !state.get(field).isTextual()) {
                add(location + "." + field, "must be a string");
            }
            JsonNode path = state.get(field + "Path");
            if (path != null) {
                if (!path.isTextual()) {
                    add(location + "." + field + "Path", "must be a path or an intrinsic function as a string");
                } else {
                    expression(location + "." + field + "Path", path.asText());
                }
            }
        }
    }

    private boolean choice(String location, JsonNode state, JsonNode states) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            add(location + ".Choices", "must be an array of at least one rule");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String where = location + ".Choices[" + i + "]";
                rule(where, choices.get(i), true);
                target(where + ".Next", choices.get(i).get("Next"), states);
            }
        }
        if (state.has("Default")) {
            target(location + ".Default", state.get("Default"), states);
        }
        return false;
    }

    private void rule(String location, JsonNode rule, boolean topLevel) {
        if (!rule.isObject()) {
            add(location, "a choice rule must be a JSON object");
            return;
        }
        if (!topLevel && rule.has("Next")) {
            add(location, "a rule nested in And, Or or Not must not have 'Next'");
        }
        List<String> combinators = List.of("And", "Or", "Not").stream().filter(rule::has).toList();
        String operator = ChoiceRules.operatorOf(rule);
        int kinds = combinators.size() + (operator == null ? 0 : 1);
        if (kinds != 1) {
            add(location, "a choice rule must have exactly one of And, Or, Not or a comparison operator, but had " + kinds);
            return;
        }
        if (!combinators.isEmpty()) {
            combinator(location, rule, combinators.get(0));
            return;
        }
        Set<String> allowed = Set.of("Variable", operator, "Next", "Comment");
        only(location, rule, allowed);
        JsonNode variable = rule.get("Variable");
        if (variable == null || !variable.isTextual()) {
            add(location + ".Variable", "a comparison needs 'Variable', a path");
        } else {
            path(location + ".Variable", variable, false, false);
        }
        operand(location + "." + operator, operator, rule.get(operator));
    }

    private void combinator(String location, JsonNode rule, String name) {
        only(location, rule, Set.of(name, "Next", "Comment"));
        JsonNode value = rule.get(name);
        if (name.equals("Not")) {
            rule(location + ".Not", value, false);
        } else if (!value.isArray() || value.isEmpty()) {
            add(location + "." + name, "must be an array of at least one rule");
        } else {
            for (int i = 0; i < value.size(); i++) {
                rule(location + "." + name + "[" + i + "]", value.get(i), false);
            }
        }
    }

    private void operand(String location, String operator, JsonNode value) {
        if (operator.endsWith("Path")) {
            path(location, value, false, false);
        } else if (ChoiceRules.TYPE_TESTS.contains(operator) || operator.startsWith("Boolean")) {
            require(location, value.isBoolean(), "true or false", value);
        } else if (operator.startsWith("String")) {
            require(location, value.isTextual(), "a string", value);
        } else if (operator.startsWith("Numeric")) {
            require(location, value.isNumber(), "a number", value);
        } else {
            require(location, ChoiceRules.timestamp(value) != null, "an RFC 3339 timestamp such as 2026-03-14T01:59:00Z", value);
        }
    }

    private void require(String location, boolean ok, String expected, JsonNode value) {
        if (!ok) {
            add(location, "must be " + expected + ", but was " + value);
        }
    }

    private void retriersAndCatchers(String location, JsonNode state, JsonNode states) {
        JsonNode retry = state.get("Retry");
        if (retry != null) {
            if (!retry.isArray()) {
                add(location + ".Retry", "must be an array of retriers");
            } else {
                for (int i = 0; i < retry.size(); i++) {
                    retrier(location + ".Retry[" + i + "]", retry.get(i), i == retry.size() - 1);
                }
            }
        }
        JsonNode catchers = state.get("Catch");
        if (catchers != null) {
            if (!catchers.isArray()) {
                add(location + ".Catch", "must be an array of catchers");
            } else {
                for (int i = 0; i < catchers.size(); i++) {
                    String where = location + ".Catch[" + i + "]";
                    JsonNode catcher = catchers.get(i);
                    only(where, catcher, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"));
                    errorEquals(where, catcher, i == catchers.size() - 1);
                    target(where + ".Next", catcher.get("Next"), states);
                    path(where + ".ResultPath", catcher.get("ResultPath"), true, true);
                }
            }
        }
    }

    private void retrier(String location, JsonNode retrier, boolean last) {
        only(location, retrier, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy",
                "Comment"));
        errorEquals(location, retrier, last);
        wholeNumber(location, retrier, "IntervalSeconds", 1, MAX_SECONDS);
        wholeNumber(location, retrier, "MaxAttempts", 0, MAX_SECONDS);
        wholeNumber(location, retrier, "MaxDelaySeconds", 1, MAX_DELAY_SECONDS - 1);
        JsonNode backoff = retrier.get("BackoffRate");
        if (backoff != null && (!backoff.isNumber() || backoff.decimalValue().compareTo(java.math.BigDecimal.ONE) < 0)) {
            add(location + ".BackoffRate", "must be a number of at least 1.0, but was " + backoff);
        }
        JsonNode jitter = retrier.get("JitterStrategy");
        if (jitter != null && !(jitter.asText().equals("FULL") || jitter.asText().equals("NONE"))) {
            add(location + ".JitterStrategy", "must be FULL or NONE, but was " + jitter);
        }
    }

    private void wholeNumber(String location, JsonNode node, String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value != null && (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max)) {
            add(location + "." + field, "must be a whole number between " + min + " and " + max + ", but was " + value);
        }
    }

    private void errorEquals(String location, JsonNode node, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            add(location + ".ErrorEquals", "must be a non-empty array of error names");
            return;
        }
        for (JsonNode error : errors) {
            if (!error.isTextual()) {
                add(location + ".ErrorEquals", "error names must be strings, but one was " + error);
            } else if (error.asText().startsWith("States.") && !KNOWN_ERRORS.contains(error.asText())) {
                add(location + ".ErrorEquals", "'" + error.asText() + "' is not a predefined error; names starting with 'States.' are reserved");
            } else if (error.asText().equals("States.ALL") && (errors.size() > 1 || !last)) {
                add(location + ".ErrorEquals", "States.ALL must appear alone, in the last retrier or catcher");
            }
        }
    }
}
