package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.StatesErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Parallel and Map states: each branch (or iteration) runs on its own thread. The first one
 * that fails stops the others (a running task finishes, then its branch ends; a Wait ends at
 * once), and once all have ended the state fails with that first error, its name unchanged. A
 * Map runs at most MaxConcurrency iterations at once (the runner's default when 0 or absent).
 */
final class Branching {
    private final Engine engine;
    private final Engine.Frame frame;
    private final String name;
    private final JsonNode state;

    Branching(Engine engine, Engine.Frame frame, String name, JsonNode state) {
        this.engine = engine;
        this.frame = frame;
        this.name = name;
        this.state = state;
    }

    JsonNode parallel(JsonNode input) {
        frame.last = engine.history.add(frame.last, HistoryEventType.ParallelStateStarted, name, History.details());
        JsonNode branches = state.get("Branches");
        Group group = new Group(frame.scope.child(), branches.size());
        long started = frame.last;
        for (int i = 0; i < branches.size(); i++) {
            JsonNode branch = branches.get(i);
            int index = i;
            group.submit(() -> {
                Engine.Frame child = frame.child(group.scope.child(), null, started);
                try {
                    group.results.set(index, new MachineRun(engine, branch, child).run(input));
                } finally {
                    child.scope.close();
                }
            });
        }
        group.await();
        return group.finish(HistoryEventType.ParallelStateSucceeded, HistoryEventType.ParallelStateFailed);
    }

    JsonNode map(JsonNode effective, JsonNode context) {
        JsonNode items = state.has("ItemsPath") ? JsonPath.parse(state.get("ItemsPath").asText()).select(effective).orElse(null) : effective;
        if (items == null || !items.isArray()) {
            throw new StatesFailure(StatesErrors.RUNTIME, "the ItemsPath of Map state '" + name + "' must select an array, but selected "
                    + (items == null ? "nothing" : MachineRun.abbreviate(items)));
        }
        frame.last = engine.history.add(frame.last, HistoryEventType.MapStateStarted, name, History.details().put("length", items.size()));
        JsonNode body = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        int limit = state.path("MaxConcurrency").asInt(0) > 0 ? state.get("MaxConcurrency").asInt() : engine.settings.maxConcurrency();
        Semaphore permits = new Semaphore(limit);
        Group group = new Group(frame.scope.child(), items.size());
        long started = frame.last;
        for (int i = 0; i < items.size() && !group.scope.isStopped(); i++) {
            ObjectNode item = JsonNodeFactory.instance.objectNode().put("Index", i);
            item.set("Value", items.get(i));
            ObjectNode itemContext = ((ObjectNode) context).deepCopy();
            itemContext.set("Map", JsonNodeFactory.instance.objectNode().set("Item", item));
            JsonNode input = selector == null ? items.get(i) : PayloadTemplate.apply(selector, effective, itemContext);
            int index = i;
            acquire(permits);
            group.submit(() -> {
                Engine.Frame child = frame.child(group.scope.child(), item, started);
                try {
                    iteration(body, child, index, input, group);
                } finally {
                    child.scope.close();
                    permits.release();
                }
            });
        }
        group.await();
        return group.finish(HistoryEventType.MapStateSucceeded, HistoryEventType.MapStateFailed);
    }

    private void iteration(JsonNode body, Engine.Frame child, int index, JsonNode input, Group group) {
        child.last = engine.history.add(child.last, HistoryEventType.MapIterationStarted, name, History.details().put("index", index));
        try {
            group.results.set(index, new MachineRun(engine, body, child).run(input));
            engine.history.add(child.last, HistoryEventType.MapIterationSucceeded, name, History.details().put("index", index));
        } catch (StatesFailure e) {
            engine.history.add(child.last, HistoryEventType.MapIterationFailed, name, History.details().put("index", index)
                    .put("error", e.error()).put("cause", e.cause()));
            throw e;
        } catch (Scope.Stopped e) {
            engine.history.add(child.last, HistoryEventType.MapIterationAborted, name, History.details().put("index", index));
            throw e;
        }
    }

    private void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Engine.Aborted();
        }
    }

    /** Branches or iterations of one attempt, and the first way one of them ended early. */
    private final class Group {
        final Scope scope;
        final List<JsonNode> results;
        final List<Future<?>> futures = new ArrayList<>();
        final AtomicReference<StatesFailure> failure = new AtomicReference<>();
        final AtomicBoolean timedOut = new AtomicBoolean();

        Group(Scope scope, int size) {
            this.scope = scope;
            this.results = new java.util.concurrent.CopyOnWriteArrayList<>(java.util.Collections.nCopies(size, (JsonNode) null));
        }

        void submit(Runnable work) {
            futures.add(engine.branches.submit(() -> {
                try {
                    work.run();
                } catch (StatesFailure e) {
                    failure.compareAndSet(null, e);
                    scope.stop();
                } catch (Engine.TimedOut e) {
                    timedOut.set(true);
                    scope.stop();
                } catch (Scope.Stopped | Engine.Aborted e) {
                    // stopped by a sibling's failure or the execution's end
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new StatesFailure(StatesErrors.RUNTIME, "state '" + name + "' failed unexpectedly: " + e));
                    scope.stop();
                }
            }));
        }

        void await() {
            try {
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                scope.stop();
                Thread.currentThread().interrupt();
                throw new Engine.Aborted();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a branch ended with an error it should have reported", e.getCause());
            } finally {
                scope.close();
            }
        }

        JsonNode finish(HistoryEventType succeeded, HistoryEventType failed) {
            if (timedOut.get()) {
                throw new Engine.TimedOut();
            }
            if (failure.get() != null) {
                throw new AttemptFailure(failed, failure.get());
            }
            engine.checkpoint(frame);
            frame.last = engine.history.add(frame.last, succeeded, name, History.details());
            ArrayNode array = Engine.array();
            results.forEach(array::add);
            return array;
        }
    }
}
