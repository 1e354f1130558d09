package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.StatesErrors;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** The states of one machine (the execution, a branch or a Map iteration), one after another. */
final class MachineRun {
    private final Engine engine;
    private final JsonNode machine;
    private final Engine.Frame frame;

    MachineRun(Engine engine, JsonNode machine, Engine.Frame frame) {
        this.engine = engine;
        this.machine = machine;
        this.frame = frame;
    }

    /** Runs from StartAt to a terminal state; the output of that state. */
    JsonNode run(JsonNode input) {
        String name = machine.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            engine.checkpoint(frame);
            JsonNode state = machine.get("States").get(name);
            Transition transition = runState(name, state, data);
            data = transition.output();
            if (transition.next() == null) {
                return data;
            }
            name = transition.next();
        }
    }

    record Transition(String next, JsonNode output) {
    }

    private Transition runState(String name, JsonNode state, JsonNode input) {
        String type = state.get("Type").asText();
        Instant entered = engine.settings.clock().instant();
        HistoryEventType enteredType = type.equals("Fail") ? HistoryEventType.FailStateEntered : HistoryEventType.valueOf(type + "StateEntered");
        frame.last = engine.history.add(frame.last, enteredType, name, History.details().set("input", input));
        Transition transition = switch (type) {
            case "Pass" -> pass(name, state, input, entered);
            case "Wait" -> waitState(state, input, entered, name);
            case "Choice" -> choice(name, state, input, entered);
            case "Succeed" -> new Transition(null, outputPath(state, inputPath(state, input)));
            case "Fail" -> throw fail(state, input, name, entered);
            default -> new Retrying(engine, frame, name, state, input, entered).run();
        };
        Engine.checkSize(transition.output(), "the output of state '" + name + "'");
        frame.last = engine.history.add(frame.last, HistoryEventType.valueOf(type + "StateExited"), name,
                History.details().set("output", transition.output()));
        return transition;
    }

    private Transition pass(String name, JsonNode state, JsonNode input, Instant entered) {
        JsonNode effective = inputPath(state, input);
        JsonNode context = engine.context(name, entered, 0, frame);
        if (state.has("Parameters")) {
            effective = PayloadTemplate.apply(state.get("Parameters"), effective, context);
        }
        JsonNode result = state.has("Result") ? state.get("Result") : effective;
        return new Transition(next(state), outputPath(state, resultPath(state.get("ResultPath"), state.has("ResultPath"), input, result)));
    }

    private Transition waitState(JsonNode state, JsonNode input, Instant entered, String name) {
        JsonNode effective = inputPath(state, input);
        Instant until = waitDeadline(state, effective, entered);
        try {
            engine.waitUntil(until, frame);
        } catch (Scope.Stopped e) {
            frame.last = engine.history.add(frame.last, HistoryEventType.WaitStateAborted, name, History.details());
            throw e;
        }
        return new Transition(next(state), outputPath(state, effective));
    }

    private static Instant waitDeadline(JsonNode state, JsonNode effective, Instant entered) {
        if (state.has("Seconds")) {
            return entered.plusSeconds(state.get("Seconds").asLong());
        }
        if (state.has("Timestamp")) {
            return ChoiceRules.timestamp(state.get("Timestamp")).toInstant();
        }
        if (state.has("SecondsPath")) {
            JsonNode seconds = reference(state.get("SecondsPath").asText(), effective, "SecondsPath");
            if (!seconds.isIntegralNumber() || seconds.asLong() < 0 || seconds.asLong() > DefinitionValidator.MAX_SECONDS) {
                throw new StatesFailure(StatesErrors.RUNTIME, "SecondsPath '" + state.get("SecondsPath").asText()
                        + "' must select a whole number of seconds between 0 and " + DefinitionValidator.MAX_SECONDS + ", but selected " + seconds);
            }
            return entered.plusSeconds(seconds.asLong());
        }
        JsonNode timestamp = reference(state.get("TimestampPath").asText(), effective, "TimestampPath");
        if (ChoiceRules.timestamp(timestamp) == null) {
            throw new StatesFailure(StatesErrors.RUNTIME, "TimestampPath '" + state.get("TimestampPath").asText()
                    + "' must select an RFC 3339 timestamp, but selected " + timestamp);
        }
        return ChoiceRules.timestamp(timestamp).toInstant();
    }

    private Transition choice(String name, JsonNode state, JsonNode input, Instant entered) {
        JsonNode effective = inputPath(state, input);
        JsonNode context = engine.context(name, entered, 0, frame);
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, effective, context)) {
                return new Transition(rule.get("Next").asText(), outputPath(state, effective));
            }
        }
        if (state.has("Default")) {
            return new Transition(state.get("Default").asText(), outputPath(state, effective));
        }
        throw new StatesFailure(StatesErrors.NO_CHOICE_MATCHED, "no choice rule of state '" + name + "' matched its input, and it has no Default");
    }

    private StatesFailure fail(JsonNode state, JsonNode input, String name, Instant entered) {
        JsonNode context = engine.context(name, entered, 0, frame);
        String error = state.has("ErrorPath") ? text(state.get("ErrorPath").asText(), input, context, "ErrorPath")
                : state.path("Error").asText("States.Fail");
        String cause = state.has("CausePath") ? text(state.get("CausePath").asText(), input, context, "CausePath")
                : state.path("Cause").asText("");
        return new StatesFailure(error, cause);
    }

    private static String text(String expression, JsonNode input, JsonNode context, String field) {
        JsonNode value = PayloadTemplate.apply(JsonNodeFactory.instance.objectNode().put("v.$", expression), input, context).get("v");
        if (!value.isTextual()) {
            throw new StatesFailure(StatesErrors.RUNTIME, field + " '" + expression + "' must yield a string, but yielded " + value);
        }
        return value.asText();
    }

    static String next(JsonNode state) {
        return state.has("Next") ? state.get("Next").asText() : null;
    }

    /** InputPath: the whole input by default, {@code {}} when null. */
    static JsonNode inputPath(JsonNode state, JsonNode input) {
        return selectPath(state, "InputPath", input);
    }

    /** OutputPath: the whole output by default, {@code {}} when null. */
    static JsonNode outputPath(JsonNode state, JsonNode output) {
        return selectPath(state, "OutputPath", output);
    }

    private static JsonNode selectPath(JsonNode state, String field, JsonNode value) {
        JsonNode path = state.get(field);
        if (path == null) {
            return value;
        }
        if (path.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return JsonPath.parse(path.asText()).select(value).orElseThrow(() -> new StatesFailure(StatesErrors.RUNTIME,
                "Invalid path '" + path.asText() + "' : the " + field + " selects nothing in " + abbreviate(value)));
    }

    private static JsonNode reference(String path, JsonNode value, String field) {
        return JsonPath.parse(path).select(value).orElseThrow(() -> new StatesFailure(StatesErrors.RUNTIME,
                field + " '" + path + "' selects nothing in the state's input"));
    }

    /**
     * ResultPath: {@code $} (the default) replaces the input with the result, null keeps the
     * input, another reference path places the result into a copy of the input.
     */
    static JsonNode resultPath(JsonNode resultPath, boolean present, JsonNode input, JsonNode result) {
        if (!present) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        try {
            return JsonPath.parse(resultPath.asText()).assign(input, result);
        } catch (IllegalStateException e) {
            throw new StatesFailure(StatesErrors.RESULT_PATH_MATCH_FAILURE, e.getMessage());
        }
    }

    static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** The delay before retry {@code attempt} (0-based): IntervalSeconds × BackoffRate^attempt, capped, with jitter. */
    static Duration retryDelay(JsonNode retrier, int attempt) {
        BigDecimal interval = BigDecimal.valueOf(retrier.path("IntervalSeconds").asLong(1));
        double backoff = retrier.has("BackoffRate") ? retrier.get("BackoffRate").asDouble() : 2.0;
        double seconds = interval.doubleValue() * Math.pow(backoff, attempt);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        seconds = Math.min(seconds, DefinitionValidator.MAX_DELAY_SECONDS);
        if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static ObjectNode errorOutput(StatesFailure failure) {
        return JsonNodeFactory.instance.objectNode().put("Error", failure.error()).put("Cause", failure.cause());
    }
}
