package io.msgflow.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an execution ended: its status, its output (when it succeeded) or its error and cause
 * (otherwise), and its whole history.
 *
 * @param name the execution's name
 * @param status how it ended
 * @param output the output of the last state, when {@link ExecutionStatus#SUCCEEDED}
 * @param error the error name, e.g. {@code States.TaskFailed} or a Fail state's {@code Error}, otherwise
 * @param cause the error's cause, when there is one
 * @param startTime when it started, on the runner's clock
 * @param stopTime when it ended
 * @param history every event, in order
 */
public record ExecutionResult(String name, ExecutionStatus status, Optional<JsonNode> output, Optional<String> error,
        Optional<String> cause, Instant startTime, Instant stopTime, List<HistoryEvent> history) {

    public ExecutionResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
        history = List.copyOf(history);
    }

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }

    public Duration duration() {
        return Duration.between(startTime, stopTime);
    }

    /** The events of {@code type}, in order. */
    public List<HistoryEvent> events(HistoryEventType type) {
        return history.stream().filter(e -> e.type() == type).toList();
    }

    /** The states entered, in order, by name (a state entered twice appears twice). */
    public List<String> statesEntered() {
        return history.stream().filter(e -> e.type().name().endsWith("StateEntered"))
                .map(e -> e.stateName().orElseThrow()).toList();
    }
}
