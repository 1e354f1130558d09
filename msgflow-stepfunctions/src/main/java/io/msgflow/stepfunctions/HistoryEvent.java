package io.msgflow.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an execution's history, as the console lists it.
 *
 * @param id 1-based, in the order the events happened (branches of a Parallel or Map state interleave)
 * @param previousEventId the event of the same state, branch or execution that came before; 0 for the first
 * @param timestamp when it happened, on the runner's clock
 * @param type what happened
 * @param stateName the state it belongs to; empty for execution events
 * @param details the event's details as the console shows them ({@code input}, {@code output},
 *                {@code error}, {@code cause}, {@code resource}, {@code retry}…); an empty object when none
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type, Optional<String> stateName,
        JsonNode details) {

    public HistoryEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(details, "details");
    }

    /** A detail as text, empty when absent. */
    public Optional<String> detail(String name) {
        JsonNode value = details.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.isTextual() ? value.asText() : value.toString());
    }
}
