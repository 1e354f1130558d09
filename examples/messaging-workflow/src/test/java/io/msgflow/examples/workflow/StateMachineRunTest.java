package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.internal.Json;
import io.msgflow.stepfunctions.ExecutionResult;
import io.msgflow.stepfunctions.ExecutionStatus;
import io.msgflow.stepfunctions.FunctionError;
import io.msgflow.stepfunctions.HistoryEvent;
import io.msgflow.stepfunctions.HistoryEventType;
import io.msgflow.stepfunctions.LambdaFunction;
import io.msgflow.stepfunctions.Waiter;
import io.msgflow.topology.Topology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * statemachine/workflow.asl.json executed on the interpreter, its DefinitionSubstitutions resolved
 * from template.yaml, invoking the template's handler classes in-process on the in-memory
 * transport and an embedded PostgreSQL, on a test clock (retry delays take no time).
 */
class StateMachineRunTest {
    private static final String DRAIN_FUNCTION = "ProcessMessagesFunction";
    private static Database database;

    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private StateMachineRun run;

    @BeforeAll
    static void startDatabase() {
        database = Database.open(AppOptions.parse(List.of(), Map.of()));
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
        transport.close();
    }

    private StateMachineRun run() {
        Waiter advancing = (deadline, stop) -> {
            if (clock.instant().isBefore(deadline)) {
                clock.set(deadline);
            }
        };
        run = new StateMachineRun(StackTemplate.load(Path.of("."), "us-east-1"), transport, q -> transport.stats(q).total(),
                Workflow.sink(database.pool()).createSchemaIfMissing(), clock, advancing, Duration.ZERO,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return run;
    }

    private static JsonNode samples(int perType) {
        return Json.MAPPER.createObjectNode().put("samples", perType);
    }

    /** The drain function, failing on the queue whose URL contains {@code queue} as {@code failure} says. */
    private static UnaryOperator<LambdaFunction> failOn(String queue, AtomicInteger failures, int times, String errorType) {
        return drain -> payload -> {
            if (payload.path("QueueUrl").asText().contains(queue) && failures.getAndIncrement() < times) {
                throw new FunctionError(errorType, "injected failure " + failures.get());
            }
            return drain.invoke(payload);
        };
    }

    private static List<HistoryEvent> failures(ExecutionResult result, String state) {
        return result.events(HistoryEventType.TaskFailed).stream().filter(e -> e.stateName().orElse("").equals(state)).toList();
    }

    @Test
    void theHappyPathStoresEveryMessageAndSucceeds() {
        ExecutionResult result = run().run(samples(3));

        assertThat(result.status()).as(result.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode processed = result.output().orElseThrow().path("processed");
        assertThat(processed.path("notifications").path("processed").asInt()).isEqualTo(3);
        assertThat(processed.path("alerts").path("processed").asInt()).isEqualTo(3);
        assertThat(result.output().orElseThrow().path("published")).isEqualTo(Json.MAPPER.createObjectNode()
                .put("published", 6).put("failed", 0).put("requested", 6));
        List<String> ids = StateMachineApp.publishedIds(result);
        assertThat(ids).hasSize(6);
        assertThat(RowCounts.ofMessages(database.pool(), Workflow.NOTIFICATIONS.table(), ids)).isEqualTo(3);
        assertThat(RowCounts.ofMessages(database.pool(), Workflow.ALERTS.table(), ids)).isEqualTo(3);
        assertThat(result.statesEntered()).startsWith("PublishMessages", "ProcessMessages").endsWith("CheckOutcome", "AllStored");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PublishHandler", "DrainQueueHandler", "TaskStateEntered",
                "ExecutionSucceeded", "Execution SUCCEEDED");
    }

    @Test
    void aDrainThatDeadLettersAMessageFailsTheExecution() {
        Topology topology = Workflow.TOPOLOGY;
        transport.provision(topology);
        transport.queueSender(topology, Workflow.NOTIFICATIONS.queue())
                .publish(Workflow.CODEC.encode(new CriticalAlert("critical", "an alert on the notifications queue", clock.instant().toString())));

        ExecutionResult result = run().run(samples(1));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains("MessagesDeadLettered");
        assertThat(result.cause().orElseThrow()).contains("notifications: 1 stored, 0 failed (retried later), 1 dead-lettered")
                .contains("alerts: 1 stored");
        assertThat(transport.stats(Workflow.NOTIFICATIONS.deadLetterQueue()).total()).isEqualTo(1);
    }

    @Test
    void aTransientLambdaErrorIsRetriedAndTheExecutionSucceeds() {
        AtomicInteger failures = new AtomicInteger();
        ExecutionResult result = run().decorate(DRAIN_FUNCTION, failOn("alerts", failures, 2, "Lambda.ServiceException")).run(samples(1));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(failures(result, "ProcessAlertMessages")).hasSize(2)
                .allSatisfy(e -> assertThat(e.details().path("retry").path("maxAttempts").asInt()).isEqualTo(5));
        assertThat(result.output().orElseThrow().path("processed").path("alerts").path("processed").asInt()).isEqualTo(1);
    }

    @Test
    void aFunctionErrorIsRetriedTwiceThenCaughtAndTheExecutionFailsWithProcessingFailed() {
        AtomicInteger failures = new AtomicInteger();
        ExecutionResult result = run().decorate(DRAIN_FUNCTION, failOn("alerts", failures, 100, "java.sql.SQLTransientConnectionException"))
                .run(samples(1));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains("ProcessingFailed");
        assertThat(result.cause().orElseThrow()).contains("java.sql.SQLTransientConnectionException");
        assertThat(failures(result, "ProcessAlertMessages")).hasSize(3);
        assertThat(result.statesEntered()).contains("ProcessingFailed").doesNotContain("CheckOutcome");
    }

    @Test
    void badInputToTheDrainIsNotRetried() {
        AtomicInteger failures = new AtomicInteger();
        ExecutionResult result = run().decorate(DRAIN_FUNCTION, failOn("notifications", failures, 100, "io.msgflow.lambda.LambdaInputException"))
                .run(samples(1));

        assertThat(result.error()).contains("ProcessingFailed");
        assertThat(failures(result, "ProcessNotificationMessages")).hasSize(1);
    }

    @Test
    void theDrainAgainLoopStopsAfterTenDrainsAndTheExecutionFails() {
        AtomicInteger drains = new AtomicInteger();
        ExecutionResult result = run().decorate(DRAIN_FUNCTION, drain -> payload -> {
            if (!payload.path("QueueUrl").asText().contains("notifications")) {
                return drain.invoke(payload);
            }
            drains.incrementAndGet();
            return Json.MAPPER.createObjectNode().put("processed", 1).put("failed", 0).put("deadLettered", 0).put("remaining", 7)
                    .put("handedBack", 3).put("stopReason", "DEADLINE");
        }).run(samples(1));

        assertThat(drains.get()).isEqualTo(10);
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains("MessagesNotStored");
        assertThat(result.cause().orElseThrow()).contains("notifications: 10 stored, 0 failed (retried later), 0 dead-lettered, "
                + "7 left on the queue after 10 drains");
    }
}
