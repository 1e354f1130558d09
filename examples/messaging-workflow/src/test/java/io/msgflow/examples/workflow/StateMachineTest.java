package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * statemachine/workflow.asl.json: valid Amazon States Language by the pinned npm
 * {@code asl-validator} (installed from src/test/asl by the build), and shaped as the original:
 * PublishMessages, then a Parallel state with one branch per queue, with retries and catches, then
 * the outcome check (StateMachineRunTest executes it).
 */
class StateMachineTest {
    private static final Path VALIDATOR = Path.of(System.getProperty("msgflow.asl.dir", "src/test/asl"),
            "node_modules", "asl-validator", "dist", "bin", "asl-validator.js");
    private static final StateMachineDefinition DEFINITION = StateMachineDefinition.load(StateMachineDefinition.FILE);

    @Test
    void theDefinitionIsValidAmazonStatesLanguage() throws Exception {
        Validation validation = validate(StateMachineDefinition.FILE);

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).contains("is valid");
    }

    @Test
    void theValidatorRejectsATransitionToAMissingState(@TempDir Path dir) throws Exception {
        ObjectNode broken = DEFINITION.root().deepCopy();
        ((ObjectNode) broken.path("States").path("PublishMessages")).put("Next", "ProcessEverything");
        Path file = dir.resolve("broken.asl.json");
        Files.writeString(file, Json.write(broken), StandardCharsets.UTF_8);

        Validation validation = validate(file);

        assertThat(validation.exitCode()).isNotZero();
        assertThat(validation.output()).contains("MISSING_TRANSITION_TARGET", "ProcessEverything");
    }

    @Test
    void publishMessagesRunsFirstThenTheParallelProcessing() {
        JsonNode publish = DEFINITION.state("PublishMessages");

        assertThat(DEFINITION.root().path("StartAt").asText()).isEqualTo("PublishMessages");
        assertThat(publish.path("Type").asText()).isEqualTo("Task");
        assertThat(publish.path("Next").asText()).isEqualTo("ProcessMessages");
        assertThat(publish.path("Retry")).isNotEmpty();
        assertThat(catchTargets(publish)).singleElement().satisfies(target ->
                assertThat(DEFINITION.state(target).path("Type").asText()).isEqualTo("Fail"));
    }

    @Test
    void eachBranchOfTheParallelStateDrainsItsOwnQueueWithRetries() {
        JsonNode parallel = DEFINITION.state("ProcessMessages");
        List<JsonNode> branches = DEFINITION.branchStarts("ProcessMessages");

        assertThat(parallel.path("Type").asText()).isEqualTo("Parallel");
        assertThat(parallel.path("Next").asText()).isEqualTo("CheckOutcome");
        assertThat(catchTargets(parallel)).singleElement().satisfies(target ->
                assertThat(DEFINITION.state(target).path("Type").asText()).isEqualTo("Fail"));
        assertThat(DEFINITION.branchStartNames("ProcessMessages")).containsExactly("ProcessNotificationMessages", "ProcessAlertMessages");
        assertThat(branches).hasSameSizeAs(Workflow.LANES);
        for (int i = 0; i < branches.size(); i++) {
            JsonNode task = branches.get(i);
            JsonNode payload = task.path("Parameters").path("Payload");
            assertThat(task.path("Type").asText()).isEqualTo("Task");
            assertThat(task.path("Retry")).isNotEmpty();
            assertThat(payload.path("MessageType").asText()).isEqualTo(Workflow.LANES.get(i).messageType());
            assertThat(StateMachineDefinition.placeholder(payload.path("QueueUrl"))).as("a queue URL substituted by the template")
                    .isNotNull();
        }
        assertThat(branches).extracting(b -> b.path("Parameters").path("Payload").path("QueueUrl").asText())
                .as("each branch passes its own queue").doesNotHaveDuplicates();
    }

    private static List<String> catchTargets(JsonNode state) {
        assertThat(state.path("Catch")).isNotEmpty();
        return state.path("Catch").findValuesAsText("Next");
    }

    private record Validation(int exitCode, String output) {
    }

    private static Validation validate(Path definition) throws IOException, InterruptedException {
        assertThat(VALIDATOR).as("asl-validator is installed (the build runs npm ci in src/test/asl)").isRegularFile();
        Process process = new ProcessBuilder("node", VALIDATOR.toString(), "--json-path", definition.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("asl-validator finished").isTrue();
        return new Validation(process.exitValue(), output);
    }
}
