package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.StatesErrors;
import java.time.Duration;
import java.time.Instant;

/**
 * A Task, Parallel or Map state: its attempts under its {@code Retry} rules, then its
 * {@code Catch} rules. The first retrier whose ErrorEquals matches decides: while it has attempts
 * left the state runs again after its delay; once they are spent the catchers are tried (no later
 * retrier is consulted). A caught error's output is {@code {"Error", "Cause"}} placed by the
 * catcher's ResultPath into the state's raw input; the state's OutputPath does not apply.
 */
final class Retrying {
    private final Engine engine;
    private final Engine.Frame frame;
    private final String name;
    private final JsonNode state;
    private final JsonNode input;
    private final Instant entered;

    Retrying(Engine engine, Engine.Frame frame, String name, JsonNode state, JsonNode input, Instant entered) {
        this.engine = engine;
        this.frame = frame;
        this.name = name;
        this.state = state;
        this.input = input;
        this.entered = entered;
    }

    MachineRun.Transition run() {
        JsonNode effective = MachineRun.inputPath(state, input);
        JsonNode retriers = state.path("Retry");
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            JsonNode context = engine.context(name, entered, retryCount, frame);
            try {
                return new MachineRun.Transition(MachineRun.next(state), attempt(effective, context));
            } catch (AttemptFailure | StatesFailure e) {
                StatesFailure failure = e instanceof AttemptFailure a ? a.failure : (StatesFailure) e;
                HistoryEventType eventType = e instanceof AttemptFailure a ? a.eventType : null;
                int retrier = matching(retriers, failure);
                if (retrier >= 0 && attempts[retrier] < retriers.get(retrier).path("MaxAttempts").asInt(3)) {
                    Duration delay = MachineRun.retryDelay(retriers.get(retrier), attempts[retrier]);
                    attempts[retrier]++;
                    retryCount++;
                    ObjectNode retry = History.details().put("retrier", retrier).put("attempt", attempts[retrier])
                            .put("maxAttempts", retriers.get(retrier).path("MaxAttempts").asInt(3)).put("delayMillis", delay.toMillis());
                    record(eventType, failure, retry, "retry");
                    engine.waitFor(delay, frame);
                    continue;
                }
                int catcher = matching(state.path("Catch"), failure);
                if (catcher >= 0) {
                    JsonNode rule = state.get("Catch").get(catcher);
                    record(eventType, failure, History.details().put("catcher", catcher).put("next", rule.get("Next").asText()), "caught");
                    JsonNode output = MachineRun.resultPath(rule.get("ResultPath"), rule.has("ResultPath"), input, MachineRun.errorOutput(failure));
                    return new MachineRun.Transition(rule.get("Next").asText(), output);
                }
                record(eventType, failure, null, null);
                throw failure;
            }
        }
    }

    private void record(HistoryEventType eventType, StatesFailure failure, ObjectNode decision, String label) {
        if (eventType == null) {
            return;
        }
        ObjectNode details = History.details().put("error", failure.error()).put("cause", failure.cause());
        if (decision != null) {
            details.set(label, decision);
        }
        frame.last = engine.history.add(frame.last, eventType, name, details);
    }

    private static int matching(JsonNode rules, StatesFailure failure) {
        for (int i = 0; i < rules.size(); i++) {
            for (JsonNode pattern : rules.get(i).path("ErrorEquals")) {
                if (StatesErrors.matches(pattern.asText(), failure.error())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private JsonNode attempt(JsonNode effective, JsonNode context) {
        String type = state.get("Type").asText();
        JsonNode result;
        if (type.equals("Map")) {
            result = new Branching(engine, frame, name, state).map(effective, context);
        } else {
            JsonNode parameters = state.has("Parameters") ? PayloadTemplate.apply(state.get("Parameters"), effective, context) : effective;
            Engine.checkSize(parameters, "the input of state '" + name + "' after Parameters");
            result = type.equals("Task") ? new TaskCall(engine, frame, name, state).run(parameters, effective)
                    : new Branching(engine, frame, name, state).parallel(parameters);
        }
        Engine.checkSize(result, "the result of state '" + name + "'");
        if (state.has("ResultSelector")) {
            result = PayloadTemplate.apply(state.get("ResultSelector"), result, context);
        }
        JsonNode output = MachineRun.resultPath(state.get("ResultPath"), state.has("ResultPath"), input, result);
        return MachineRun.outputPath(state, output);
    }
}
