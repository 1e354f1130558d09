package io.msgflow.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.stepfunctions.internal.Engine;
import io.msgflow.stepfunctions.internal.Resources;
import io.msgflow.stepfunctions.internal.RunSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Executes {@link StateMachine}s in-process, as Step Functions would: Lambda functions you
 * register by name, other Task resources by handler, time on an injected {@link Clock} with a
 * {@link Waiter} for Wait states and retry intervals, and a history of events like the console's.
 *
 * <p><b>Semantics</b> follow the States Language specification; where it is silent, the module's
 * README says what this interpreter does. <b>Bounds:</b> a state's input and output at most
 * 256 KiB ({@code States.DataLimitExceeded}), at most {@link Builder#maxHistoryEvents} events
 * (default 25,000, as Step Functions; then {@code States.Runtime}). <b>Threading:</b> thread-safe;
 * {@link #execute} blocks its caller until the execution ends and runs Parallel branches and Map
 * iterations on threads of its own, which end with the execution.
 */
public final class StateMachineRunner {
    public static final int DEFAULT_MAX_HISTORY_EVENTS = 25_000;
    /** Map iterations run at once when a Map state sets no MaxConcurrency (Step Functions runs up to 40 inline). */
    public static final int DEFAULT_MAP_CONCURRENCY = 40;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final Builder settings;

    private StateMachineRunner(Builder builder) {
        this.settings = builder.copy();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code machine} on {@code input} under a random execution name. */
    public ExecutionResult execute(StateMachine machine, JsonNode input) {
        return execute(machine, input, UUID.randomUUID().toString());
    }

    /**
     * Runs {@code machine} on {@code input} to its end and returns how it ended; a failing
     * execution is a result with {@link ExecutionStatus#FAILED}, not an exception.
     *
     * @throws InvalidConfigurationException when a Task resource has no handler, or the name is not a valid execution name
     */
    public ExecutionResult execute(StateMachine machine, JsonNode input, String executionName) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(input, "input");
        if (executionName == null || !NAME.matcher(executionName).matches()) {
            throw new InvalidConfigurationException("executionName", "`executionName` must be 1 to 80 letters, digits, '-' or '_', but was '"
                    + executionName + "'");
        }
        machine.taskResources().forEach((state, resource) -> {
            if (!Resources.isLambdaInvoke(resource) && !Resources.isFunctionArn(resource) && !settings.resources.containsKey(resource)) {
                throw new InvalidConfigurationException("resource", "state '" + state + "' uses the resource '" + resource
                        + "', which has no handler; register one with StateMachineRunner.Builder.resource");
            }
        });
        RunSettings run = new RunSettings(settings.functions, settings.resources, settings.clock,
                settings.waiter == null ? Waiter.onClock(settings.clock) : settings.waiter, settings.maxHistoryEvents,
                settings.mapConcurrency, settings.stateMachineArn, settings.listener);
        return Engine.execute(run, machine.root(), input.deepCopy(), executionName);
    }

    /** Configures a {@link StateMachineRunner}; not thread-safe. */
    public static final class Builder {
        private final Map<String, LambdaFunction> functions = new HashMap<>();
        private final Map<String, TaskHandler> resources = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Waiter waiter;
        private int maxHistoryEvents = DEFAULT_MAX_HISTORY_EVENTS;
        private int mapConcurrency = DEFAULT_MAP_CONCURRENCY;
        private String stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:local";
        private Consumer<HistoryEvent> listener = event -> { };

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.functions.putAll(functions);
            copy.resources.putAll(resources);
            copy.clock = clock;
            copy.waiter = waiter;
            copy.maxHistoryEvents = maxHistoryEvents;
            copy.mapConcurrency = mapConcurrency;
            copy.stateMachineArn = stateMachineArn;
            copy.listener = listener;
            return copy;
        }

        /**
         * The function invoked for {@code nameOrArn}: by a function ARN as a Task's Resource, or
         * by name, ARN or partial ARN as {@code FunctionName} of
         * {@code arn:aws:states:::lambda:invoke} (a version or alias suffix is ignored).
         */
        public Builder function(String nameOrArn, LambdaFunction function) {
            Objects.requireNonNull(function, "function");
            String name = Resources.functionName(Objects.requireNonNullElse(nameOrArn, "")).orElseThrow(() ->
                    new InvalidConfigurationException("function", "`function` must be a Lambda function name or ARN, but was '" + nameOrArn + "'"));
            functions.put(name, function);
            return this;
        }

        /** The handler of Task states whose Resource is {@code arn} (an activity or another integration). */
        public Builder resource(String arn, TaskHandler handler) {
            Objects.requireNonNull(handler, "handler");
            if (arn == null || !Resources.isArn(arn)) {
                throw new InvalidConfigurationException("resource", "`resource` must be an ARN, but was '" + arn + "'");
            }
            resources.put(arn, handler);
            return this;
        }

        /** The clock of timestamps, Wait states, retry delays and timeouts; the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How executions wait; by default {@link Waiter#onClock} on the clock. */
        public Builder waiter(Waiter value) {
            this.waiter = Objects.requireNonNull(value, "waiter");
            return this;
        }

        /** The most events an execution may record; between 100 and 1,000,000 (default 25,000). */
        public Builder maxHistoryEvents(int value) {
            if (value < 100 || value > 1_000_000) {
                throw new InvalidConfigurationException("maxHistoryEvents", "`maxHistoryEvents` must be between 100 and 1000000, but was " + value);
            }
            this.maxHistoryEvents = value;
            return this;
        }

        /** Map iterations at once when a Map state sets no MaxConcurrency; between 1 and 1000 (default 40). */
        public Builder mapConcurrency(int value) {
            if (value < 1 || value > 1000) {
                throw new InvalidConfigurationException("mapConcurrency", "`mapConcurrency` must be between 1 and 1000, but was " + value);
            }
            this.mapConcurrency = value;
            return this;
        }

        /** The ARN the context object's {@code $$.StateMachine.Id} holds. */
        public Builder stateMachineArn(String value) {
            if (value == null || !value.matches("arn:[a-z0-9-]+:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}")) {
                throw new InvalidConfigurationException("stateMachineArn", "`stateMachineArn` must be a state machine ARN such as "
                        + "arn:aws:states:us-east-1:123456789012:stateMachine:name, but was '" + value + "'");
            }
            this.stateMachineArn = value;
            return this;
        }

        /** Told of every event as it is recorded, in order, on the thread that records it; must not block for long. */
        public Builder listener(Consumer<HistoryEvent> value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public StateMachineRunner build() {
            return new StateMachineRunner(this);
        }
    }
}
