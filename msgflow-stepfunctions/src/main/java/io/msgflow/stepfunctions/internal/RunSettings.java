package io.msgflow.stepfunctions.internal;

import io.msgflow.stepfunctions.HistoryEvent;
import io.msgflow.stepfunctions.LambdaFunction;
import io.msgflow.stepfunctions.TaskHandler;
import io.msgflow.stepfunctions.Waiter;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an execution runs with.
 *
 * @param functions the Lambda functions by name
 * @param resources handlers of other Task resources by ARN
 * @param maxConcurrency the most Map iterations run at once when the state sets no MaxConcurrency
 */
public record RunSettings(Map<String, LambdaFunction> functions, Map<String, TaskHandler> resources, Clock clock, Waiter waiter,
        int maxHistoryEvents, int maxConcurrency, String stateMachineArn, Consumer<HistoryEvent> listener) {

    public RunSettings {
        functions = Map.copyOf(functions);
        resources = Map.copyOf(resources);
    }
}
