package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.inmemory.TestClock;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqsBatchHandlerTest {
    private final TestClock clock = TestClock.create();
    private final InMemorySink sink = new InMemorySink();
    private final Topology topology = Fixtures.topology();
    private final List<String> invoked = new CopyOnWriteArrayList<>();
    private InMemoryTransport transport;
    private MessagePublisher publisher;

    @BeforeEach
    void provision() {
        transport = InMemoryTransport.builder().clock(clock).build();
        transport.provision(topology);
        publisher = transport.publisher(topology);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private LambdaEnvironment environment(LambdaConfig config, Sink target) {
        return Fixtures.environment(transport, topology, target, clock, config);
    }

    private LambdaEnvironment environment() {
        return environment(Fixtures.config().build(), sink);
    }

    /** A handler that stores every message, except that those with the given ids fail transiently. */
    private SqsBatchHandler failingOn(LambdaEnvironment env, Set<String> failingIds) {
        MessageHandler<Object> handler = (payload, context) -> {
            Message m = (Message) payload;
            invoked.add(m.id());
            if (failingIds.contains(m.id())) {
                throw new IllegalStateException("downstream unavailable for " + m.id());
            }
            return m;
        };
        return new SqsBatchHandler(env, queue -> MessageProcessor.builder(MessageCodec.builder().build()).fallback(handler)
                .sink(env.sink()).retryPolicy(env.retryPolicy(queue)).clock(env.clock()).build()) {
        };
    }

    private Message notification(String id, String body) {
        return Message.builder().id(id).type("notification").body(body).build();
    }

    @Test
    void storesRawAndEnvelopeDeliveriesAndReportsNothing() {
        publisher.publishAll(List.of(notification("n-1", "{\"title\":\"one\"}"), notification("n-2", "{\"title\":\"two\"}"),
                Message.builder().id("a-1").type("critical_alert").body("{\"severity\":\"critical\"}").build()));
        StoreMessagesHandler handler = new StoreMessagesHandler(environment());

        for (String queue : List.of(Fixtures.NOTIFICATIONS, Fixtures.ALERTS)) {
            InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, queue);
            SQSEvent event = lambda.poll(10);
            assertThat(lambda.complete(event, handler.handleRequest(event, TestContext.plenty()))).isEmpty();
            assertThat(transport.stats(queue).total()).as("Lambda deleted every message of " + queue).isZero();
        }

        assertThat(sink.rows("notification")).extracting(SinkRecord::messageId).containsExactlyInAnyOrder("n-1", "n-2");
        assertThat(sink.rows("critical_alert")).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("a-1");
            assertThat(r.body()).as("the envelope's Message, not the envelope").isEqualTo("{\"severity\":\"critical\"}");
        });
    }

    @Test
    void partialBatchFailureReturnsExactlyTheFailedIdsAndDelaysThem() {
        for (int i = 1; i <= 10; i++) {
            publisher.publish(notification("n-" + i, "{\"n\":" + i + "}"));
        }
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);
        SQSEvent event = lambda.poll(10);
        List<String> failingSqsIds = event.getRecords().stream()
                .filter(r -> Set.of("n-2", "n-5", "n-9").contains(r.getMessageAttributes().get("msgflow_id").getStringValue()))
                .map(SQSEvent.SQSMessage::getMessageId).toList();

        SQSBatchResponse response = failingOn(environment(), Set.of("n-2", "n-5", "n-9")).handleRequest(event, TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(failingSqsIds);
        lambda.complete(event, response);
        assertThat(sink.rows()).extracting(SinkRecord::messageId)
                .containsExactlyInAnyOrder("n-1", "n-3", "n-4", "n-6", "n-7", "n-8", "n-10");
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).inFlight()).as("failed ones wait for their backoff").isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.queueDepth(Fixtures.NOTIFICATIONS)).as("back after the first backoff (at most 1 s), not after 30 s")
                .isEqualTo(3);
    }

    @Test
    void partialBatchFailureOfAnEventFileReportsItsMessageId() {
        Topology files = Topology.builder("files").queue(QueueSpec.builder(Fixtures.NOTIFICATIONS).deadLetterQueue("files-dlq", 3).build())
                .build();
        SqsBatchHandler handler = failingOn(LambdaEnvironment.builder(Fixtures.config().retryVisibility(RetryVisibility.QUEUE_TIMEOUT).build())
                .transport(transport, files, transport::queueDepth).sink(sink).clock(clock).build(), Set.of("n-0002"));

        SQSBatchResponse response = handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-raw.json"), TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactly("n-0001");
    }

    @Test
    void badInputIsDeadLetteredWithItsReasonAndTheRestOfTheBatchIsStored() {
        MessagePublisher direct = transport.queueSender(topology, Fixtures.NOTIFICATIONS);
        Topology otherWire = Topology.builder(Fixtures.TOPIC).wireFormat(WireFormat.of("kind", "msgflow_id"))
                .queue(Fixtures.NOTIFICATIONS).build();
        direct.publish(notification("good-1", "{\"ok\":true}"));
        direct.publish(notification("malformed-1", "{\"title\": \"unterminated"));
        direct.publish(Message.builder().id("unknown-1").type("weather_report").body("{\"sun\":true}").build());
        transport.queueSender(otherWire, Fixtures.NOTIFICATIONS).publish(notification("untyped-1", "{\"ok\":true}"));
        direct.publish(notification("good-2", "{\"ok\":true}"));
        publisher.publish(Message.builder().id("plain-1").type("critical_alert").body("Disk almost full").build());
        StoreMessagesHandler handler = new StoreMessagesHandler(environment());

        for (String queue : List.of(Fixtures.NOTIFICATIONS, Fixtures.ALERTS)) {
            InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, queue);
            SQSEvent event = lambda.poll(10);
            assertThat(lambda.complete(event, handler.handleRequest(event, TestContext.plenty()))).isEmpty();
        }

        assertThat(sink.rows()).as("bodies that are not JSON are stored as they came, not dead-lettered")
                .extracting(SinkRecord::messageId).containsExactlyInAnyOrder("good-1", "good-2", "malformed-1", "plain-1");
        assertThat(sink.rows("critical_alert")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("Disk almost full"));
        assertThat(transport.messages(Fixtures.NOTIFICATIONS_DLQ)).hasSize(2).allSatisfy(m -> assertThat(m.deadLetterReason()).isPresent());
        assertThat(reasonOf(Fixtures.NOTIFICATIONS_DLQ, "unknown-1")).contains("unknown message type 'weather_report'");
        assertThat(transport.messages(Fixtures.NOTIFICATIONS_DLQ)).filteredOn(m -> m.body().contains("ok"))
                .singleElement().satisfies(m -> assertThat(m.deadLetterReason().orElseThrow()).contains("'message_type'"));
        assertThat(transport.messages(Fixtures.ALERTS_DLQ)).isEmpty();
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).total()).isZero();
    }

    private String reasonOf(String dlq, String id) {
        return transport.messages(dlq).stream().filter(m -> m.id().equals(id)).findFirst().flatMap(QueuedMessage::deadLetterReason)
                .orElseThrow(() -> new AssertionError("message " + id + " is not in " + dlq + ": " + transport.messages(dlq)));
    }

    /** Untyped, unknown type, unreadable attribute; the malformed JSON (…0002) and the plain text (…0005) are stored. */
    private static final List<String> BAD_RECORDS = List.of("aaaaaaaa-0000-4000-8000-000000000003",
            "aaaaaaaa-0000-4000-8000-000000000004", "aaaaaaaa-0000-4000-8000-000000000006");
    private static final List<String> STORED_OF_BAD_INPUT = List.of("good-1", "good-2", "malformed-1", "plain-1");

    @Test
    void withoutADeadLetterQueueBadInputIsReportedSoNothingIsLost() {
        Topology plain = Topology.builder("plain").queue("plain-queue").build();
        transport.provision(plain);
        StoreMessagesHandler handler = new StoreMessagesHandler(LambdaEnvironment.builder(Fixtures.config().build())
                .transport(transport, plain, transport::queueDepth).sink(sink).clock(clock).build());
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-bad-input.json");
        event.getRecords().forEach(r -> r.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:plain-queue"));

        SQSBatchResponse response = handler.handleRequest(event, TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .as("untyped, unknown type, unreadable attribute: no dead-letter queue to take them")
                .containsExactlyElementsOf(BAD_RECORDS);
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactlyInAnyOrderElementsOf(STORED_OF_BAD_INPUT);
    }

    @Test
    void aDeadLetterMoveTheQueueRefusesIsReported() {
        StoreMessagesHandler handler = new StoreMessagesHandler(environment());

        SQSBatchResponse response = handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-bad-input.json"), TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .as("receipt handles the queue never issued: every move fails and every bad record stays")
                .containsExactlyElementsOf(BAD_RECORDS);
        assertThat(transport.messages(Fixtures.NOTIFICATIONS_DLQ)).isEmpty();
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactlyInAnyOrderElementsOf(STORED_OF_BAD_INPUT);
    }

    @Test
    void fifoStopsAtTheFirstFailureAndReportsEverythingAfterIt() {
        Topology fifo = Topology.builder("files").queue(QueueSpec.builder("orders.fifo").deadLetterQueue("orders-dlq.fifo", 3).build())
                .build();
        SqsBatchHandler handler = failingOn(LambdaEnvironment.builder(Fixtures.config().retryVisibility(RetryVisibility.QUEUE_TIMEOUT).build())
                .transport(transport, fifo, transport::queueDepth).sink(sink).clock(clock).build(), Set.of("a-2"));

        SQSBatchResponse response = handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-fifo.json"), TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly(
                "11111111-0000-4000-8000-000000000002", "11111111-0000-4000-8000-000000000003",
                "11111111-0000-4000-8000-000000000004", "11111111-0000-4000-8000-000000000005");
        assertThat(invoked).as("nothing runs after the first failure, in any group").containsExactly("a-1", "a-2");
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactly("a-1");
    }

    @Test
    void fifoCanReleaseOnlyTheFailedGroup() {
        Topology fifo = Topology.builder("files").queue(QueueSpec.builder("orders.fifo").deadLetterQueue("orders-dlq.fifo", 3).build())
                .build();
        LambdaConfig config = Fixtures.config().retryVisibility(RetryVisibility.QUEUE_TIMEOUT)
                .fifoFailureMode(FifoFailureMode.RELEASE_FAILED_GROUP).build();
        SqsBatchHandler handler = failingOn(LambdaEnvironment.builder(config).transport(transport, fifo, transport::queueDepth)
                .sink(sink).clock(clock).build(), Set.of("a-2"));

        SQSBatchResponse response = handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-fifo.json"), TestContext.plenty());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("11111111-0000-4000-8000-000000000002", "11111111-0000-4000-8000-000000000004");
        assertThat(invoked).containsExactly("a-1", "a-2", "b-1", "b-2");
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactlyInAnyOrder("a-1", "b-1", "b-2");
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueAfterMaxReceiveCountWithItsReason() {
        publisher.publish(notification("poison-1", "{\"boom\":true}"));
        SqsBatchHandler handler = failingOn(environment(), Set.of("poison-1"));
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);

        for (int receive = 1; receive <= Fixtures.MAX_RECEIVE_COUNT; receive++) {
            SQSEvent event = lambda.poll(10);
            assertThat(event.getRecords()).as("receive " + receive).hasSize(1);
            lambda.complete(event, handler.handleRequest(event, TestContext.plenty()));
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(invoked).containsExactly("poison-1", "poison-1", "poison-1");
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).total()).isZero();
        assertThat(reasonOf(Fixtures.NOTIFICATIONS_DLQ, "poison-1"))
                .isEqualTo("failed on all 3 attempts; last failure: IllegalStateException: downstream unavailable for poison-1");
        assertThat(sink.count()).isZero();
    }

    @Test
    void aCrashAfterTheCommitLeadsToARedeliveryAndStillOneRow() {
        for (int i = 1; i <= 3; i++) {
            publisher.publish(notification("n-" + i, "{\"n\":" + i + "}"));
        }
        CrashAfterCommit crashing = new CrashAfterCommit(sink);
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);
        SQSEvent first = lambda.poll(10);

        SQSBatchResponse failed = new StoreMessagesHandler(environment(Fixtures.config().build(), crashing))
                .handleRequest(first, TestContext.plenty());
        assertThat(failed.getBatchItemFailures()).as("an Error from the sink fails the records it carried, not the invocation")
                .hasSize(3);
        assertThat(sink.count()).as("committed before the crash").isEqualTo(3);
        clock.advance(Duration.ofSeconds(31));
        SQSEvent redelivery = lambda.poll(10);
        SQSBatchResponse response = new StoreMessagesHandler(environment()).handleRequest(redelivery, TestContext.plenty());

        assertThat(redelivery.getRecords()).hasSize(3)
                .allSatisfy(r -> assertThat(r.getAttributes().get("ApproximateReceiveCount")).isEqualTo("2"));
        assertThat(lambda.complete(redelivery, response)).isEmpty();
        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactlyInAnyOrder("n-1", "n-2", "n-3");
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).total()).isZero();
    }

    @Test
    void aSinkOutageFailsTheBatchForRetryAndTheRetryWritesOnce() {
        publisher.publish(notification("n-1", "{}"));
        publisher.publish(notification("n-2", "{}"));
        sink.failNextWrites(1);
        StoreMessagesHandler handler = new StoreMessagesHandler(environment());
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);

        SQSEvent first = lambda.poll(10);
        assertThat(lambda.complete(first, handler.handleRequest(first, TestContext.plenty()))).hasSize(2);
        clock.advance(Duration.ofMinutes(1));
        SQSEvent second = lambda.poll(10);
        assertThat(lambda.complete(second, handler.handleRequest(second, TestContext.plenty()))).isEmpty();

        assertThat(sink.rows()).extracting(SinkRecord::messageId).containsExactlyInAnyOrder("n-1", "n-2");
    }

    @Test
    void aSubclassWithATypedHandlerStoresWhatItsHandlerReturns() {
        publisher.publish(Message.builder().id("a-1").type("critical_alert").body("{\"severity\":\"critical\",\"message\":\"cpu hot\"}")
                .build());
        AlertsFunction function = new AlertsFunction(environment());
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.ALERTS);

        SQSEvent event = lambda.poll(10);
        assertThat(lambda.complete(event, function.handleRequest(event, TestContext.plenty()))).isEmpty();

        assertThat(sink.rows("critical_alert")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"severity\":\"critical\",\"message\":\"CPU HOT\"}"));
    }

    @Test
    void anEmptyEventIsAnEmptyResponse() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of());

        assertThat(new StoreMessagesHandler(environment()).handleRequest(event, TestContext.plenty()).getBatchItemFailures()).isEmpty();
        assertThat(new StoreMessagesHandler(environment()).handleRequest(new SQSEvent(), TestContext.plenty()).getBatchItemFailures())
                .isEmpty();
    }

    /** A sink that commits, then dies before anyone hears of it: the process crashing between commit and acknowledgement. */
    static final class CrashAfterCommit implements Sink {
        static final class Crash extends Error {
            private static final long serialVersionUID = 1L;

            Crash() {
                super("simulated crash after the commit");
            }
        }

        private final Sink delegate;

        CrashAfterCommit(Sink delegate) {
            this.delegate = delegate;
        }

        @Override
        public WriteResult write(List<SinkRecord> records) {
            delegate.write(records);
            throw new Crash();
        }
    }
}
