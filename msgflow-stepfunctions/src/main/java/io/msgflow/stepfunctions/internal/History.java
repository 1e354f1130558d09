package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.HistoryEvent;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.StatesErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The events of one execution, numbered in the order they happen; bounded like Step Functions' history. */
final class History {
    private final Clock clock;
    private final int limit;
    private final Consumer<HistoryEvent> listener;
    private final List<HistoryEvent> events = new ArrayList<>();

    History(Clock clock, int limit, Consumer<HistoryEvent> listener) {
        this.clock = clock;
        this.limit = limit;
        this.listener = listener;
    }

    static ObjectNode details() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Adds an event after {@code previous} (the last event of the same thread of control).
     *
     * @throws StatesFailure {@code States.Runtime} when the history is full (the final execution event is always recorded)
     */
    long add(long previous, HistoryEventType type, String state, JsonNode details) {
        HistoryEvent event;
        synchronized (events) {
            boolean last = type.name().startsWith("Execution") && type != HistoryEventType.ExecutionStarted;
            if (events.size() >= limit && !last) {
                throw new StatesFailure(StatesErrors.RUNTIME, "the execution history reached its limit of " + limit
                        + " events (Step Functions' own limit is 25,000); a loop without an exit is the usual cause");
            }
            event = new HistoryEvent(events.size() + 1L, previous, clock.instant(), type, Optional.ofNullable(state), details);
            events.add(event);
            listener.accept(event);
        }
        return event.id();
    }

    List<HistoryEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
