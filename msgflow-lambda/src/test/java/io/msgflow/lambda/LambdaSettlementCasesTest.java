package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement cases of the consumer kit through the Lambda runtimes' real event shapes: an SQS
 * event (as the event source mapping sends it) and a Step Functions drain, on a queue without a
 * dead-letter queue and on one with.
 */
class LambdaSettlementCasesTest {
    private static final String PLAIN = "plain-queue";
    private static final String PLAIN_URL = Fixtures.queueUrl(PLAIN);

    private final TestClock clock = TestClock.create();
    private final InMemorySink sink = new InMemorySink();
    private final Topology topology = Topology.builder(Fixtures.TOPIC)
            .queue(QueueSpec.builder(PLAIN).visibilityTimeout(Duration.ofSeconds(30)).build())
            .queue(QueueSpec.builder(Fixtures.NOTIFICATIONS).visibilityTimeout(Duration.ofSeconds(30))
                    .deadLetterQueue(Fixtures.NOTIFICATIONS_DLQ, Fixtures.MAX_RECEIVE_COUNT).build())
            .route(Route.toQueue(PLAIN).filter(FilterPolicy.matchingTypes("message_type", "invoice")))
            .route(Route.toQueue(Fixtures.NOTIFICATIONS).filter(FilterPolicy.matchingTypes("message_type", "notification")))
            .build();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();

    LambdaSettlementCasesTest() {
        transport.provision(topology);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private LambdaEnvironment environment() {
        return Fixtures.environment(transport, topology, sink, clock, Fixtures.config().build());
    }

    private void publish(String type, String... ids) {
        for (String id : ids) {
            transport.publisher(topology).publish(Message.builder().id(id).type(type).body("{\"id\":\"" + id + "\"}").build());
        }
    }

    @Test
    void sqsEventAPermanentFailureOnAQueueWithoutDeadLetterQueueIsReportedAndKeptNeverDeadLettered() {
        publish("invoice", "i-1");
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, PLAIN);
        SQSEvent event = lambda.poll(10);

        SQSBatchResponse response = new StoreMessagesHandler(environment()).handleRequest(event, TestContext.plenty());

        assertThat(response.getBatchItemFailures()).as("a type without a table fails for good; with no DLQ it stays")
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly(event.getRecords().get(0).getMessageId());
        lambda.complete(event, response);
        assertThat(transport.stats(PLAIN).total()).as("kept on the queue, not lost").isEqualTo(1);
        assertThat(transport.queueDepth(PLAIN)).as("hidden for its hold delay, not back at once").isZero();
        assertThat(sink.count()).isZero();
    }

    @Test
    void drainOnAQueueWithoutDeadLetterQueueCountsRetainedOnceAndNeverDeadLettered() {
        publish("invoice", "i-1", "i-2");

        DrainResult result = new DrainQueueHandler(environment()).drain(DrainRequest.of(PLAIN_URL), TestContext.plenty());

        assertThat(result.deadLettered()).isZero();
        assertThat(result.retained()).isEqualTo(2);
        assertThat(result.processed() + result.failed()).isZero();
        assertThat(transport.stats(PLAIN).total()).isEqualTo(2);
    }

    @Test
    void sqsEventAnAssertionErrorFailsOnlyItsRecord() {
        publish("notification", "n-1", "n-2", "n-3");
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);
        SQSEvent event = lambda.poll(10);
        LambdaEnvironment env = environment();
        MessageHandler<Object> handler = (payload, context) -> {
            Message m = (Message) payload;
            if (m.id().equals("n-2")) {
                throw new AssertionError("broken invariant");
            }
            return m;
        };
        SqsBatchHandler sqsHandler = new SqsBatchHandler(env, queue -> MessageProcessor.builder(MessageCodec.builder().build())
                .fallback(handler).sink(env.sink()).retryPolicy(env.retryPolicy(queue)).clock(env.clock()).build()) {
        };

        SQSBatchResponse response = sqsHandler.handleRequest(event, TestContext.plenty());

        String n2 = event.getRecords().stream().filter(r -> r.getMessageAttributes().get("msgflow_id").getStringValue().equals("n-2"))
                .findFirst().orElseThrow().getMessageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly(n2);
        assertThat(sink.rows("notification")).hasSize(2);
    }

    @Test
    void sqsEventADeadLetterCopyHasTheOneShape() {
        transport.queueSender(topology, Fixtures.NOTIFICATIONS)
                .publish(Message.builder().id("u-2").type("unknown_type").body("{}").build());
        InMemoryEventSource lambda = new InMemoryEventSource(transport, topology, Fixtures.NOTIFICATIONS);
        SQSEvent event = lambda.poll(10);

        SQSBatchResponse response = new StoreMessagesHandler(environment()).handleRequest(event, TestContext.plenty());

        assertThat(response.getBatchItemFailures()).isEmpty();
        lambda.complete(event, response);
        assertThat(transport.messages(Fixtures.NOTIFICATIONS_DLQ)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("u-2");
            assertThat(d.body()).isEqualTo("{}");
            assertThat(d.deadLetterReason()).hasValueSatisfying(r -> assertThat(r).contains("unknown message type 'unknown_type'"));
            assertThat(d.attribute("msgflow_dead_letter_queue")).contains(Fixtures.NOTIFICATIONS);
            assertThat(d.attribute("msgflow_dead_letter_attempts")).contains("1");
        });
        assertThat(transport.stats(Fixtures.NOTIFICATIONS).total()).isZero();
    }
}
