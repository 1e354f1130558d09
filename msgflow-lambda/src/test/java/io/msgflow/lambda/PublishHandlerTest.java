package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.inmemory.TestClock;
import io.msgflow.internal.Json;
import io.msgflow.topology.Topology;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishHandlerTest {
    private final TestClock clock = TestClock.create();
    private final Topology topology = Fixtures.topology();
    private InMemoryTransport transport;
    private PublishHandler handler;

    @BeforeEach
    void provision() {
        transport = InMemoryTransport.builder().clock(clock).build();
        transport.provision(topology);
        handler = new PublishHandler(Fixtures.environment(transport, topology, new InMemorySink(), clock, Fixtures.config().build()));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private JsonNode invoke(String input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, TestContext.plenty());
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void anEmptyInputPublishesTheOriginalDemoRunAndReturnsTheIds() throws IOException {
        JsonNode output = invoke("");

        assertThat(output.get("messageIds")).hasSize(4);
        assertThat(output.get("failed")).isEmpty();
        assertThat(transport.messages(Fixtures.NOTIFICATIONS)).hasSize(2)
                .allSatisfy(m -> assertThat(m.type()).contains("notification"));
        assertThat(transport.messages(Fixtures.ALERTS)).hasSize(2)
                .allSatisfy(m -> assertThat(m.type()).contains("critical_alert"));
        assertThat(transport.messages(Fixtures.NOTIFICATIONS).get(0).body())
                .isEqualTo("{\"title\":\"Notification 1\",\"message\":\"Sample notification 1 of 2\",\"created_at\":\"2025-01-01T00:00:00Z\"}");
        assertThat(output.get("messageIds").get(0).asText()).isEqualTo(transport.messages(Fixtures.NOTIFICATIONS).get(0).id());
    }

    @Test
    void samplesPublishesThatManyOfEachType() throws IOException {
        assertThat(invoke("{\"samples\": 5}").get("messageIds")).hasSize(10);
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS)).isEqualTo(5);
        assertThat(transport.queueDepth(Fixtures.ALERTS)).isEqualTo(5);
        assertThatThrownBy(() -> invoke("{\"samples\": 0}")).isInstanceOf(LambdaInputException.class)
                .hasMessage("input field `samples` must be a whole number between 1 and 500, but was 0");
        assertThatThrownBy(() -> invoke("{\"samples\": \"many\"}")).isInstanceOf(LambdaInputException.class);
    }

    @Test
    void typedMessagesArePublishedWithTheirIdsAttributesAndBodies() throws IOException {
        JsonNode output = invoke("{\"messages\": ["
                + "{\"id\": \"n-1\", \"type\": \"notification\", \"body\": {\"title\": \"disk\"}, \"attributes\": {\"host\": \"db-1\","
                + " \"priority\": {\"dataType\": \"Number\", \"value\": \"3\"}}},"
                + "{\"id\": \"a-1\", \"type\": \"critical_alert\", \"body\": \"{\\\"severity\\\":\\\"critical\\\"}\"}]}");

        assertThat(output.get("messageIds")).extracting(JsonNode::asText).containsExactly("n-1", "a-1");
        QueuedMessage notification = transport.messages(Fixtures.NOTIFICATIONS).get(0);
        assertThat(notification.body()).isEqualTo("{\"title\":\"disk\"}");
        assertThat(notification.attribute("host")).contains("db-1");
        assertThat(notification.attributes().get("priority").dataType()).isEqualTo("Number");
        assertThat(transport.messages(Fixtures.ALERTS).get(0).body()).isEqualTo("{\"severity\":\"critical\"}");
    }

    @Test
    void badMessagesAreReportedWithTheirReasonAndTheRestIsPublished() throws IOException {
        String oversize = "x".repeat(256 * 1024);
        JsonNode output = invoke("["
                + "{\"id\": \"ok-1\", \"type\": \"notification\", \"body\": {}},"
                + "{\"id\": \"untyped\", \"body\": {}},"
                + "{\"id\": \"plain\", \"type\": \"notification\", \"body\": \"not json\"},"
                + "{\"id\": \"big\", \"type\": \"notification\", \"body\": {\"blob\": \"" + oversize + "\"}},"
                + "{\"id\": \"bad-attr\", \"type\": \"notification\", \"body\": {}, \"attributes\": {\"n\": {\"dataType\": \"Number\", \"value\": \"x\"}}},"
                + "{\"id\": \"ok-1\", \"type\": \"notification\", \"body\": {}},"
                + "42,"
                + "{\"id\": \"ok-2\", \"type\": \"critical_alert\", \"body\": [1, 2]}]");

        assertThat(output.get("messageIds")).extracting(JsonNode::asText).containsExactly("ok-1", "ok-2");
        assertThat(output.get("failed")).extracting(f -> f.get("index").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(reason(output, 1)).contains("non-blank string `type`");
        assertThat(reason(output, 2)).contains("a string `body` must be JSON text");
        assertThat(reason(output, 3)).contains("256 KiB").contains("message big");
        assertThat(reason(output, 4)).contains("must be a number").contains("'x'");
        assertThat(reason(output, 5)).contains("id 'ok-1' is already the id of the message at index 0");
        assertThat(reason(output, 6)).contains("must be a JSON object");
        assertThat(output.get("failed").get(2).get("id").asText()).isEqualTo("big");
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS) + transport.queueDepth(Fixtures.ALERTS)).isEqualTo(2);
    }

    private static String reason(JsonNode output, int index) {
        for (JsonNode f : output.get("failed")) {
            if (f.get("index").asInt() == index) {
                return f.get("reason").asText();
            }
        }
        throw new AssertionError("no failure at index " + index + " in " + output);
    }

    @Test
    void anInputOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> invoke("{\"messages\": {}}")).isInstanceOf(LambdaInputException.class)
                .hasMessageStartingWith("the publish input must be {\"messages\": [...]}");
        assertThatThrownBy(() -> invoke("\"hello\"")).isInstanceOf(LambdaInputException.class);
    }

    @Test
    void theStepFunctionsConsolesDefaultInputPublishesTheDefaultSamples() throws IOException {
        JsonNode output = invoke("{\"Comment\": \"Insert your JSON here\"}");

        assertThat(output.get("messageIds")).hasSize(4);
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS)).isEqualTo(2);
        assertThat(invoke("{\"Comment\": \"x\", \"samples\": 3}").get("messageIds")).hasSize(6);
    }

    @Test
    void aMisspeltFieldOrBothFieldsAreRefusedRatherThanPublishingSamples() {
        assertThatThrownBy(() -> invoke("{\"message\": [{\"type\": \"notification\", \"body\": {}}]}"))
                .isInstanceOf(LambdaInputException.class)
                .hasMessageContaining("'message' looks like a misspelt `messages`");
        assertThatThrownBy(() -> invoke("{\"Samples\": 10}")).isInstanceOf(LambdaInputException.class)
                .hasMessageContaining("'Samples' looks like a misspelt `samples`");
        assertThatThrownBy(() -> invoke("{\"samples\": 1, \"messages\": []}")).isInstanceOf(LambdaInputException.class)
                .hasMessage("the publish input must have either `samples` or `messages`, but had both");
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS) + transport.queueDepth(Fixtures.ALERTS)).isZero();
    }

    @Test
    void needsATopic() {
        LambdaConfig noTopic = LambdaConfig.builder().mode(LambdaMode.LOCAL).build();

        assertThatThrownBy(() -> new PublishHandler(Fixtures.environment(transport, topology, new InMemorySink(), clock, noTopic)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("environment variable `TOPIC_ARN` must be set (the SNS topic to publish to), but was missing");
    }
}
