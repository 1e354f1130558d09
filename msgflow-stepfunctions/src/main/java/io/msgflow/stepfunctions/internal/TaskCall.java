package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.FunctionError;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.LambdaFunction;
import io.msgflow.stepfunctions.StatesErrors;
import io.msgflow.stepfunctions.TaskHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt of a Task state: {@code arn:aws:states:::lambda:invoke} (result
 * {@code {"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}}),
 * a Lambda function ARN (result: the function's own output), or a registered {@link TaskHandler}.
 * A function's error becomes the state's error named by its {@code errorType}, with the cause
 * {@code {"errorMessage", "errorType"}} as JSON text; an unknown function fails with
 * {@code Lambda.ResourceNotFoundException}. {@code TimeoutSeconds} is measured on the clock across
 * the call: an in-process function cannot be stopped, so one that overran fails the attempt with
 * {@code States.Timeout} when it returns and its result is discarded.
 */
final class TaskCall {
    static final String RESOURCE_NOT_FOUND = "Lambda.ResourceNotFoundException";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Engine engine;
    private final Engine.Frame frame;
    private final String name;
    private final JsonNode state;

    TaskCall(Engine engine, Engine.Frame frame, String name, JsonNode state) {
        this.engine = engine;
        this.frame = frame;
        this.name = name;
        this.state = state;
    }

    JsonNode run(JsonNode parameters, JsonNode effective) {
        String resource = state.get("Resource").asText();
        Optional<Duration> timeout = timeout(effective);
        if (Resources.isLambdaInvoke(resource)) {
            return invokeIntegration(resource, parameters, timeout);
        }
        if (Resources.isFunctionArn(resource)) {
            return invokeFunction(resource, parameters, timeout);
        }
        TaskHandler handler = engine.settings.resources().get(resource);
        return call(Kind.TASK, History.details().put("resource", resource).set("parameters", parameters), timeout,
                () -> handler.run(resource, parameters.deepCopy()));
    }

    private JsonNode invokeIntegration(String resource, JsonNode parameters, Optional<Duration> timeout) {
        ObjectNode scheduled = History.details().put("resourceType", "lambda").put("resource", "invoke");
        scheduled.set("parameters", parameters);
        JsonNode functionName = parameters.path("FunctionName");
        if (!functionName.isTextual()) {
            throw new StatesFailure(StatesErrors.RUNTIME, "Parameters.FunctionName of state '" + name + "' must be a string, but was " + functionName);
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NODES.objectNode();
        return call(Kind.TASK, scheduled, timeout, () -> response(function(functionName.asText()).invoke(payload.deepCopy())));
    }

    /** What the lambda:invoke integration returns around the function's result. */
    private static JsonNode response(JsonNode result) {
        ObjectNode response = NODES.objectNode().put("ExecutedVersion", "$LATEST");
        response.set("Payload", result == null ? NODES.nullNode() : result);
        response.set("SdkHttpMetadata", NODES.objectNode().put("HttpStatusCode", 200));
        response.set("SdkResponseMetadata", NODES.objectNode().put("RequestId", UUID.randomUUID().toString()));
        response.put("StatusCode", 200);
        return response;
    }

    private JsonNode invokeFunction(String resource, JsonNode parameters, Optional<Duration> timeout) {
        ObjectNode scheduled = History.details().put("resource", resource);
        scheduled.set("input", parameters);
        return call(Kind.FUNCTION, scheduled, timeout, () -> function(resource).invoke(parameters.deepCopy()));
    }

    private LambdaFunction function(String reference) {
        String functionName = Resources.functionName(reference).orElseThrow(() -> new FunctionError(RESOURCE_NOT_FOUND,
                "'" + reference + "' is not a function name or ARN"));
        LambdaFunction function = engine.settings.functions().get(functionName);
        if (function == null) {
            throw new FunctionError(RESOURCE_NOT_FOUND, "Function not found: " + reference + " (the functions registered are "
                    + new java.util.TreeSet<>(engine.settings.functions().keySet()) + ")");
        }
        return function;
    }

    private enum Kind {
        TASK(HistoryEventType.TaskScheduled, HistoryEventType.TaskStarted, HistoryEventType.TaskSucceeded, HistoryEventType.TaskFailed,
                HistoryEventType.TaskTimedOut),
        FUNCTION(HistoryEventType.LambdaFunctionScheduled, HistoryEventType.LambdaFunctionStarted, HistoryEventType.LambdaFunctionSucceeded,
                HistoryEventType.LambdaFunctionFailed, HistoryEventType.LambdaFunctionTimedOut);

        final HistoryEventType scheduled;
        final HistoryEventType started;
        final HistoryEventType succeeded;
        final HistoryEventType failed;
        final HistoryEventType timedOut;

        Kind(HistoryEventType scheduled, HistoryEventType started, HistoryEventType succeeded, HistoryEventType failed,
                HistoryEventType timedOut) {
            this.scheduled = scheduled;
            this.started = started;
            this.succeeded = succeeded;
            this.failed = failed;
            this.timedOut = timedOut;
        }
    }

    private interface Invocation {
        JsonNode invoke();
    }

    private JsonNode call(Kind kind, ObjectNode scheduled, Optional<Duration> timeout, Invocation invocation) {
        timeout.ifPresent(t -> scheduled.put("timeoutInSeconds", t.toSeconds()));
        frame.last = engine.history.add(frame.last, kind.scheduled, name, scheduled);
        frame.last = engine.history.add(frame.last, kind.started, name, History.details());
        Instant start = engine.settings.clock().instant();
        JsonNode result;
        try {
            result = invocation.invoke();
        } catch (FunctionError e) {
            throw new AttemptFailure(kind.failed, new StatesFailure(e.errorType(), errorJson(e.errorType(), e.errorMessage())));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            throw new AttemptFailure(kind.failed, new StatesFailure(e.getClass().getName(), errorJson(e.getClass().getName(), e.getMessage())));
        }
        Duration took = Duration.between(start, engine.settings.clock().instant());
        if (timeout.isPresent() && took.compareTo(timeout.get()) > 0) {
            throw new AttemptFailure(kind.timedOut, new StatesFailure(StatesErrors.TIMEOUT, "the task ran for " + took.toMillis()
                    + " ms, longer than its timeout of " + timeout.get().toSeconds() + " s; its result was discarded"));
        }
        JsonNode output = result == null ? NODES.nullNode() : result;
        Engine.checkSize(output, "the output of the task of state '" + name + "'");
        frame.last = engine.history.add(frame.last, kind.succeeded, name, History.details().set("output", output));
        return output;
    }

    private static String errorJson(String type, String message) {
        return Definitions.toJson(NODES.objectNode().put("errorMessage", message).put("errorType", type));
    }

    private Optional<Duration> timeout(JsonNode effective) {
        if (state.has("TimeoutSeconds")) {
            return Optional.of(Duration.ofSeconds(state.get("TimeoutSeconds").asLong()));
        }
        if (!state.has("TimeoutSecondsPath")) {
            return Optional.empty();
        }
        String path = state.get("TimeoutSecondsPath").asText();
        JsonNode value = JsonPath.parse(path).select(effective).orElse(NODES.missingNode());
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > DefinitionValidator.MAX_SECONDS) {
            throw new StatesFailure(StatesErrors.RUNTIME, "TimeoutSecondsPath '" + path + "' must select a whole number of seconds between 1 and "
                    + DefinitionValidator.MAX_SECONDS + ", but selected " + value);
        }
        return Optional.of(Duration.ofSeconds(value.asLong()));
    }
}
