package io.msgflow.examples.workflow;

import io.msgflow.internal.Json;
import io.msgflow.stepfunctions.ExecutionResult;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.Waiter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code ./run-example --state-machine}: one execution of the stack's state machine on the run's transport and database. */
final class StateMachineApp {
    /** Where {@code template.yaml} and {@code statemachine/} are; ./run-example sets it. */
    static final String DIRECTORY_PROPERTY = "msgflow.example.dir";
    /** The drain function's last receive on an emulator or AWS, where delivery from SNS takes a moment. */
    static final Duration REMOTE_DRAIN_WAIT = Duration.ofSeconds(2);

    private StateMachineApp() {
    }

    /** @return whether the execution succeeded */
    static boolean run(AppOptions options, Transport transport, Database database, PrintStream out, Clock clock) {
        StackTemplate template = StackTemplate.load(directory(), options.region().orElse(AppOptions.DEFAULT_EMULATOR_REGION));
        // In memory, SNS delivers before publish returns: a drain's closing receive need not wait.
        Duration drainWait = options.transport() == AppOptions.TransportKind.IN_MEMORY ? Duration.ZERO : REMOTE_DRAIN_WAIT;
        StateMachineRun run = new StateMachineRun(template, transport.transport(), transport.depth(),
                Workflow.sink(database.pool()).createSchemaIfMissing(), clock, Waiter.onClock(clock), drainWait, out);
        out.println("Transport: " + transport.label());
        out.println("Database:  " + database.label());
        try {
            ExecutionResult result = run.run(Json.MAPPER.createObjectNode().put("samples", options.count()));
            List<String> published = publishedIds(result);
            for (Lane lane : Workflow.LANES) {
                out.println("Table " + lane.table() + ": " + RowCounts.ofMessages(database.pool(), lane.table(), published)
                        + " row(s) of the " + published.size() + " messages published");
            }
            return result.succeeded();
        } finally {
            run.close();
        }
    }

    /** The ids the publish function returned, read from its TaskSucceeded event. */
    static List<String> publishedIds(ExecutionResult result) {
        List<String> ids = new ArrayList<>();
        result.events(HistoryEventType.TaskSucceeded).stream().filter(e -> e.stateName().orElse("").equals("PublishMessages"))
                .forEach(e -> e.details().path("output").path("Payload").path("messageIds").forEach(id -> ids.add(id.asText())));
        return ids;
    }

    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path fromRoot = Path.of("examples", "messaging-workflow");
        return Files.isRegularFile(fromRoot.resolve("template.yaml")) ? fromRoot : Path.of(".");
    }
}
