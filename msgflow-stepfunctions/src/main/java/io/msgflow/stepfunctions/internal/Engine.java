package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.ExecutionResult;
import io.msgflow.stepfunctions.ExecutionStatus;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.StatesErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one execution of a validated definition: states one after another, Parallel branches and
 * Map iterations on their own threads. Every state's input and output pass through the
 * specification's InputPath → Parameters → (task) → ResultSelector → ResultPath → OutputPath.
 */
public final class Engine {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger THREADS = new AtomicInteger();

    final RunSettings settings;
    final History history;
    final ObjectNode executionContext;
    final ObjectNode stateMachineContext;
    private final Instant deadline;
    private final Scope root = new Scope();
    final ExecutorService branches;

    private Engine(RunSettings settings, JsonNode definition, JsonNode input, String name) {
        this.settings = settings;
        this.history = new History(settings.clock(), settings.maxHistoryEvents(), settings.listener());
        Instant start = settings.clock().instant();
        this.deadline = definition.has("TimeoutSeconds") ? start.plusSeconds(definition.get("TimeoutSeconds").asLong()) : Instant.MAX;
        this.executionContext = NODES.objectNode();
        String machineName = settings.stateMachineArn().substring(settings.stateMachineArn().lastIndexOf(':') + 1);
        executionContext.put("Id", settings.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name);
        executionContext.set("Input", input);
        executionContext.put("Name", name);
        executionContext.put("StartTime", timestamp(start));
        executionContext.put("RedriveCount", 0);
        this.stateMachineContext = NODES.objectNode().put("Id", settings.stateMachineArn()).put("Name", machineName);
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "msgflow-states-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.branches = Executors.newCachedThreadPool(factory);
    }

    /** Runs {@code definition} (already validated) on {@code input} to its end. */
    public static ExecutionResult execute(RunSettings settings, JsonNode definition, JsonNode input, String name) {
        Engine engine = new Engine(settings, definition, input, name);
        try {
            return engine.run(definition, input, name);
        } finally {
            engine.root.stop();
            engine.branches.shutdownNow();
        }
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private ExecutionResult run(JsonNode definition, JsonNode input, String name) {
        Instant start = settings.clock().instant();
        Frame frame = new Frame(root, null);
        frame.last = history.add(0, HistoryEventType.ExecutionStarted, null, History.details().put("name", name).set("input", input));
        ExecutionStatus status;
        JsonNode output = null;
        String error = null;
        String cause = null;
        try {
            checkSize(input, "the execution's input");
            output = new MachineRun(this, definition, frame).run(input);
            status = ExecutionStatus.SUCCEEDED;
            history.add(frame.last, HistoryEventType.ExecutionSucceeded, null, History.details().set("output", output));
        } catch (TimedOut e) {
            status = ExecutionStatus.TIMED_OUT;
            error = StatesErrors.TIMEOUT;
            cause = "the execution ran longer than the definition's TimeoutSeconds";
            history.add(frame.last, HistoryEventType.ExecutionTimedOut, null, History.details().put("error", error).put("cause", cause));
        } catch (StatesFailure e) {
            status = ExecutionStatus.FAILED;
            error = e.error();
            cause = e.cause();
            history.add(frame.last, HistoryEventType.ExecutionFailed, null, History.details().put("error", error).put("cause", cause));
        } catch (Aborted | Scope.Stopped e) {
            status = ExecutionStatus.ABORTED;
            error = "States.Aborted";
            cause = "the thread running the execution was interrupted";
            history.add(frame.last, HistoryEventType.ExecutionAborted, null, History.details().put("cause", cause));
            if (e instanceof Aborted) {
                Thread.currentThread().interrupt();
            }
        }
        return new ExecutionResult(name, status, Optional.ofNullable(output), Optional.ofNullable(error), Optional.ofNullable(cause),
                start, settings.clock().instant(), history.events());
    }

    /** Fails when the execution's TimeoutSeconds has passed, stops when the scope was stopped. */
    void checkpoint(Frame frame) {
        if (!settings.clock().instant().isBefore(deadline)) {
            throw new TimedOut();
        }
        if (frame.scope.isStopped()) {
            throw new Scope.Stopped();
        }
    }

    /** Waits until {@code until} (or the execution's deadline, or a stop). */
    void waitUntil(Instant until, Frame frame) {
        Instant target = until.isAfter(deadline) ? deadline : until;
        try {
            if (settings.clock().instant().isBefore(target)) {
                settings.waiter().await(target, frame.scope);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
        checkpoint(frame);
    }

    void waitFor(Duration duration, Frame frame) {
        waitUntil(settings.clock().instant().plus(duration), frame);
    }

    /** The context object a state sees. */
    ObjectNode context(String state, Instant entered, int retryCount, Frame frame) {
        ObjectNode context = NODES.objectNode();
        context.set("Execution", executionContext);
        context.set("StateMachine", stateMachineContext);
        context.set("State", NODES.objectNode().put("Name", state).put("EnteredTime", timestamp(entered)).put("RetryCount", retryCount));
        if (frame.mapItem != null) {
            context.set("Map", NODES.objectNode().set("Item", frame.mapItem));
        }
        return context;
    }

    /** @throws StatesFailure {@code States.DataLimitExceeded} above 256 KiB */
    static void checkSize(JsonNode value, String what) {
        int size = Definitions.sizeOf(value);
        if (size > Definitions.MAX_PAYLOAD_BYTES) {
            throw new StatesFailure(StatesErrors.DATA_LIMIT_EXCEEDED, what + " is " + size + " bytes, more than the "
                    + Definitions.MAX_PAYLOAD_BYTES + " bytes a state's input or output may hold");
        }
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** One thread of control: the execution, a branch or an iteration. */
    static final class Frame {
        final Scope scope;
        final JsonNode mapItem;
        long last;

        Frame(Scope scope, JsonNode mapItem) {
            this.scope = scope;
            this.mapItem = mapItem;
        }

        Frame child(Scope scope, JsonNode mapItem, long last) {
            Frame child = new Frame(scope, mapItem == null ? this.mapItem : mapItem);
            child.last = last;
            return child;
        }
    }

    /** The execution's TimeoutSeconds passed. */
    static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super("timed out", null, false, false);
        }
    }

    /** The execution's thread was interrupted. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted", null, false, false);
        }
    }
}
