package io.msgflow.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.inmemory.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of the module's README, run. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsADefinitionWithSubstitutions() {
        String definition = Json.quote("{'StartAt':'Publish','States':{'Publish':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'${PublishFunctionArn}','Payload.$':'$'},'OutputPath':'$.Payload','End':true}}}");
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:publish";
        TestClock clock = TestClock.create();
        Waiter waiter = TestWaiters.advancing(clock);
        HistoryFormatter formatter = new HistoryFormatter();
        JsonNode input = Json.of("{'samples':2}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // snippet:run
            StateMachine machine = StateMachine.parse(definition, Map.of("PublishFunctionArn", arn));
            ExecutionResult result = StateMachineRunner.builder()
                    .function(arn, payload -> payload)                             // by name, ARN or partial ARN
                    .clock(clock)                                                  // default: the system clock
                    .waiter(waiter)                                                // how Wait states and retries wait
                    .listener(event -> System.out.println(formatter.format(event)))
                    .build()
                    .execute(machine, input);
            result.status(); // SUCCEEDED, FAILED, TIMED_OUT or ABORTED; result.error(), result.cause(), result.history()
            // end-snippet
            assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(result.output()).contains(input);
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("TaskStateEntered", "ExecutionSucceeded");
    }
}
