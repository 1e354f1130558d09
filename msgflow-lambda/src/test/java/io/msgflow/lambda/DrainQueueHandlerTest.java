package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.internal.Json;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.topology.Topology;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainQueueHandlerTest {
    private static final String URL = Fixtures.queueUrl(Fixtures.NOTIFICATIONS);

    private final TestClock clock = TestClock.create();
    private final InMemorySink sink = new InMemorySink();
    private final Topology topology = Fixtures.topology();
    private InMemoryTransport transport;

    @BeforeEach
    void provision() {
        transport = InMemoryTransport.builder().clock(clock).build();
        transport.provision(topology);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private DrainQueueHandler handler(LambdaConfig config, Sink target) {
        return new DrainQueueHandler(Fixtures.environment(transport, topology, target, clock, config));
    }

    private DrainQueueHandler handler() {
        return handler(Fixtures.config().build(), sink);
    }

    private void publishNotifications(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(Message.builder().id("n-" + i).type("notification").body("{\"n\":" + i + "}").build());
        }
        transport.publisher(topology).publishAll(messages);
    }

    private static JsonNode invoke(DrainQueueHandler handler, String input, TestContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void drainsTheQueueIntoItsTableUntilItIsEmpty() throws IOException {
        publishNotifications(25);

        JsonNode output = invoke(handler(), "{\"QueueUrl\": \"" + URL + "\", \"MessageType\": \"notification\"}", TestContext.plenty());

        assertThat(output).isEqualTo(Json.MAPPER.readTree(
                "{\"processed\":25,\"failed\":0,\"deadLettered\":0,\"retained\":0,\"remaining\":0,\"handedBack\":0,\"stopReason\":\"QUEUE_EMPTY\"}"));
        assertThat(sink.rows("notification")).hasSize(25);
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).total()).isZero();
    }

    @Test
    void drainsThePlainTextOfTheOldPublisherIntoItsTable() {
        transport.publisher(topology).publish(Message.builder().id("old-1").type("notification").body("This is a general notification 1.").build());

        DrainResult result = handler().drain(DrainRequest.of(URL), TestContext.plenty());

        assertThat(result.processed()).isEqualTo(1);
        assertThat(result.deadLettered()).isZero();
        assertThat(sink.rows("notification")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("This is a general notification 1."));
    }

    @Test
    void stopsBeforeTheDeadlineAndLeavesTheRestForTheNextRun() {
        publishNotifications(45);
        TestContext context = TestContext.until(clock, clock.instant().plusSeconds(30));
        Sink slow = new SlowSink(sink, clock, Duration.ofSeconds(6));

        DrainResult result = handler(Fixtures.config().drainMinMargin(Duration.ofSeconds(10)).build(), slow)
                .drain(DrainRequest.of(URL), context);

        assertThat(result.stopReason()).isEqualTo(DrainResult.StopReason.DEADLINE);
        assertThat(result.processed()).isEqualTo(30);
        assertThat(result.remaining()).isEqualTo(15);
        assertThat(sink.count()).isEqualTo(30);
        assertThat(context.getRemainingTimeInMillis()).as("ends with at least twice the last batch's time left").isGreaterThanOrEqualTo(12_000);
    }

    @Test
    void handsBackWhatItReceivedWhenTheDeadlineCameDuringTheReceive() {
        publishNotifications(12);

        DrainResult result = handler().drain(DrainRequest.of(URL), TestContext.scripted(60_000, 5_000));

        assertThat(result).isEqualTo(new DrainResult(0, 0, 0, 0, 12, 10, DrainResult.StopReason.DEADLINE));
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS)).as("handed back at once, not after the visibility timeout")
                .isEqualTo(12);
        assertThat(sink.count()).isZero();
    }

    @Test
    void transientFailuresAreCountedAndWaitForTheirBackoff() {
        publishNotifications(4);
        sink.failNextWrites(1);

        DrainResult result = handler().drain(DrainRequest.of(URL), TestContext.plenty());

        assertThat(result).isEqualTo(new DrainResult(0, 4, 0, 0, 0, 0, DrainResult.StopReason.QUEUE_EMPTY));
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).inFlight()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(1));
        assertThat(handler().drain(DrainRequest.of(URL), TestContext.plenty()).processed()).isEqualTo(4);
        assertThat(sink.count()).isEqualTo(4);
    }

    @Test
    void aMessageOfAnotherTypeThanRequestedIsDeadLetteredWithTheReason() {
        publishNotifications(2);

        DrainResult result = handler().drain(new DrainRequest(java.util.Optional.of(URL), java.util.Optional.of("critical_alert")),
                TestContext.plenty());

        assertThat(result.deadLettered()).isEqualTo(2);
        assertThat(transport.messages(Fixtures.NOTIFICATIONS_DLQ)).extracting(m -> m.deadLetterReason().orElseThrow())
                .allSatisfy(reason -> assertThat(reason).contains("drained for message type 'critical_alert'", "has type 'notification'"));
        assertThat(sink.count()).isZero();
    }

    @Test
    void theOnlyQueueOfQueueUrlsIsTheDefault() throws IOException {
        publishNotifications(3);
        DrainQueueHandler handler = handler(Fixtures.config().queueUrls(List.of(URL)).build(), sink);

        assertThat(invoke(handler, "", TestContext.plenty()).get("processed").asInt()).isEqualTo(3);
        assertThatThrownBy(() -> handler.drain(DrainRequest.of(Fixtures.queueUrl(Fixtures.ALERTS)), TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class)
                .hasMessage("input field `queueUrl` must be one of the queues in `QUEUE_URLS` [" + URL + "], but was '"
                        + Fixtures.queueUrl(Fixtures.ALERTS) + "'");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        DrainQueueHandler handler = handler();

        assertThatThrownBy(() -> invoke(handler, "{}", TestContext.plenty())).isInstanceOf(LambdaInputException.class)
                .hasMessage("input field `queueUrl` (or `QueueUrl`) must be set, but was missing");
        assertThatThrownBy(() -> invoke(handler, "{\"queueUrl\": \"" + URL + "\", \"QueueUrl\": \"other\"}", TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class).hasMessageContaining("must agree when both are given");
        assertThatThrownBy(() -> invoke(handler, "{\"queueUrl\": 42}", TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class).hasMessage("input field `queueUrl` must be a non-blank string, but was 42");
        assertThatThrownBy(() -> invoke(handler, "[1]", TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> invoke(handler, "{not json", TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class).hasMessageStartingWith("the input must be JSON");
        assertThatThrownBy(() -> handler.drain(DrainRequest.of("not a url"), TestContext.plenty()))
                .isInstanceOf(LambdaInputException.class).hasMessageContaining("must be a queue URL").hasMessageContaining("'not a url'");
        assertThatThrownBy(() -> handler.drain(new DrainRequest(java.util.Optional.of(URL), java.util.Optional.of("weather_report")),
                TestContext.plenty())).isInstanceOf(LambdaInputException.class)
                .hasMessage("input field `messageType` must be a type with a table in `MSGFLOW_TABLES` [notification, critical_alert],"
                        + " but was 'weather_report'");
    }

    @Test
    void needsTables() {
        LambdaConfig noTables = LambdaConfig.builder().mode(LambdaMode.LOCAL).build();

        assertThatThrownBy(() -> handler(noTables, sink)).isInstanceOf(io.msgflow.InvalidConfigurationException.class)
                .hasMessageStartingWith("environment variable `MSGFLOW_TABLES` must be set");
    }

    /** A sink whose writes take {@code cost} on the test clock, as a slow database would. */
    private static final class SlowSink implements Sink {
        private final Sink delegate;
        private final TestClock clock;
        private final Duration cost;

        SlowSink(Sink delegate, TestClock clock, Duration cost) {
            this.delegate = delegate;
            this.clock = clock;
            this.cost = cost;
        }

        @Override
        public WriteResult write(List<SinkRecord> records) {
            clock.advance(cost);
            return delegate.write(records);
        }
    }
}
