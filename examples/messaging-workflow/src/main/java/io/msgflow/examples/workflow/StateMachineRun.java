package io.msgflow.examples.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.MsgflowException;
import io.msgflow.internal.Json;
import io.msgflow.lambda.LambdaConfig;
import io.msgflow.lambda.LambdaEnvironment;
import io.msgflow.sink.Sink;
import io.msgflow.stepfunctions.ExecutionResult;
import io.msgflow.stepfunctions.HistoryFormatter;
import io.msgflow.stepfunctions.LambdaFunction;
import io.msgflow.stepfunctions.StateMachine;
import io.msgflow.stepfunctions.StateMachineRunner;
import io.msgflow.stepfunctions.Waiter;
import io.msgflow.transport.MessageTransport;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * One execution of the stack's own state machine ({@code statemachine/workflow.asl.json}, its
 * {@code DefinitionSubstitutions} resolved from {@code template.yaml}) in this process: the
 * msgflow-stepfunctions interpreter runs it, and each function it invokes is the template's
 * handler class, built on a {@link LambdaEnvironment} of the function's own environment variables
 * (resolved locally, in local mode) over the run's transport and database. The history is
 * printed as it happens, like the console's.
 */
final class StateMachineRun {
    private final StackTemplate template;
    private final MessageTransport transport;
    private final QueueDepth depth;
    private final Sink sink;
    private final Clock clock;
    private final Waiter waiter;
    private final Duration drainWait;
    private final PrintStream out;
    private final Map<String, UnaryOperator<LambdaFunction>> decorators = new HashMap<>();
    private final List<LambdaEnvironment> environments = new ArrayList<>();

    /**
     * @param sink where the functions store messages (the run's database)
     * @param drainWait the drain function's {@code MSGFLOW_DRAIN_WAIT}: how long its last, empty receive waits
     */
    StateMachineRun(StackTemplate template, MessageTransport transport, QueueDepth depth, Sink sink, Clock clock, Waiter waiter,
            Duration drainWait, PrintStream out) {
        this.template = template;
        this.transport = transport;
        this.depth = depth;
        this.sink = sink;
        this.clock = clock;
        this.waiter = waiter;
        this.drainWait = drainWait;
        this.out = out;
    }

    /** Wraps the function {@code logicalId} (to inject faults in tests). */
    StateMachineRun decorate(String logicalId, UnaryOperator<LambdaFunction> decorator) {
        decorators.put(logicalId, decorator);
        return this;
    }

    /** Provisions the topology, runs the state machine on {@code input} and prints its history and outcome. */
    ExecutionResult run(JsonNode input) {
        transport.provision(Workflow.TOPOLOGY);
        Map<String, String> substitutions = template.substitutions();
        StateMachine machine = StateMachine.parse(template.definition(), substitutions);
        out.println("State machine " + template.stateMachineId() + " (statemachine/workflow.asl.json), DefinitionSubstitutions from template.yaml:");
        substitutions.forEach((name, value) -> out.println("  " + name + " = " + value));
        StateMachineRunner.Builder runner = StateMachineRunner.builder().clock(clock).waiter(waiter)
                .stateMachineArn("arn:aws:states:" + region(substitutions) + ":" + StackTemplate.ACCOUNT + ":stateMachine:"
                        + template.stateMachineId());
        Map<String, TemplateFunction> functions = template.functions();
        for (String value : new TreeSet<>(substitutions.values())) {
            functions.values().stream().filter(f -> template.functionArn(f.logicalId()).equals(value))
                    .forEach(f -> runner.function(value, function(f, value)));
        }
        HistoryFormatter formatter = new HistoryFormatter();
        out.println();
        out.println("  id  event                      state                          elapsed  details");
        ExecutionResult result = runner.listener(event -> out.println(formatter.format(event))).build()
                .execute(machine, input, "local-" + clock.millis());
        out.println();
        out.println("Execution " + HistoryFormatter.summary(result));
        result.output().ifPresent(output -> out.println("Output: " + Json.write(output)));
        for (Lane lane : Workflow.LANES) {
            out.println("Dead-letter queue " + lane.deadLetterQueue() + ": " + depth.messages(lane.deadLetterQueue()) + " message(s)");
        }
        return result;
    }

    private static String region(Map<String, String> substitutions) {
        return substitutions.values().stream().filter(v -> v.startsWith("arn:aws:lambda:")).map(v -> v.split(":")[3]).findFirst()
                .orElse(AppOptions.DEFAULT_EMULATOR_REGION);
    }

    private LambdaFunction function(TemplateFunction function, String arn) {
        LambdaEnvironment environment = LambdaEnvironment.builder(LambdaConfig.fromEnvironment(environment(function)))
                .transport(transport, Workflow.TOPOLOGY, depth::messages)
                .sink(sink)
                .clock(clock)
                .build();
        environments.add(environment);
        out.println("  " + function.logicalId() + ": " + function.handlerClass() + ", in this process (timeout " + function.timeoutSeconds() + " s)");
        LambdaFunction local = new InProcessFunction(function, handler(function, environment), arn, clock);
        return decorators.getOrDefault(function.logicalId(), UnaryOperator.identity()).apply(local);
    }

    /** The function's variables resolved locally, in local mode; those without a local value (the secret) are left out. */
    private Map<String, String> environment(TemplateFunction function) {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        function.environment().properties().forEach(e -> template.resolve(e.getValue()).ifPresentOrElse(
                v -> variables.put(e.getKey(), v), () -> omitted.add(e.getKey())));
        variables.put(LambdaConfig.ENVIRONMENT, "local");
        variables.put(LambdaConfig.DRAIN_WAIT, drainWait.toMillis() + "ms");
        variables.remove(LambdaConfig.DB_SECRET_NAME);
        omitted.remove(LambdaConfig.ENVIRONMENT);
        if (!omitted.isEmpty()) {
            out.println("  " + function.logicalId() + ": not set locally: " + omitted + " (the run's own database and transport stand in)");
        }
        return variables;
    }

    private static RequestStreamHandler handler(TemplateFunction function, LambdaEnvironment environment) {
        try {
            Class<? extends RequestStreamHandler> type = Class.forName(function.handlerClass()).asSubclass(RequestStreamHandler.class);
            return type.getConstructor(LambdaEnvironment.class).newInstance(environment);
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            throw new InvalidConfigurationException(function.logicalId(), "the Handler of " + function.logicalId() + ", "
                    + function.handlerClass() + ", must be a RequestStreamHandler with a constructor taking a LambdaEnvironment: " + e);
        } catch (InvocationTargetException e) {
            throw new MsgflowException("cannot build the handler of " + function.logicalId() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new MsgflowException("cannot build the handler of " + function.logicalId() + ": " + e, e);
        }
    }

    /** Closes the environments the functions ran on (the transport and the database stay open). */
    void close() {
        environments.forEach(LambdaEnvironment::close);
    }
}
