package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.MessageValidationException;
import io.msgflow.TransportException;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.aws.peers.ScriptedSqsServer;
import io.msgflow.aws.peers.ScriptedSqsServer.Answer;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server faults and partly failed batches over real HTTP: entries that fail for a
 * transient reason are re-sent alone with backoff, the rest reported one by one, nothing lost.
 */
class RetryAndPartialFailureIT {
    private static final String QUEUE = "orders";
    private static final Topology TOPOLOGY = Topology.builder("orders-topic").queue(QUEUE).build();

    private static ElasticMqServer elasticMq;
    private static AwsTransport onElasticMq;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start();
        onElasticMq = Peers.transport(elasticMq.endpoint(), AwsServices.SQS_ONLY).build();
    }

    @AfterAll
    static void stop() {
        onElasticMq.close();
        elasticMq.close();
    }

    @Test
    void throttledEntriesAreResentAloneUntilTheySucceed() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start((request, body) ->
                request == 0 && body.contains("\"n\":1") || request <= 1 && body.contains("\"n\":3") ? Answer.THROTTLED : Answer.OK);
             AwsTransport transport = scripted(server, 4)) {
            List<Message> messages = numbered(5);

            PublishResult result = transport.queueSender(TOPOLOGY, QUEUE).publishBatch(messages);

            assertThat(result.failed()).isEmpty();
            assertThat(result.successful()).extracting(r -> r.messageId()).containsExactlyElementsOf(ids(messages));
            assertThat(server.batches()).hasSize(3);
            assertThat(server.batches().get(1)).containsExactly(messages.get(1).body(), messages.get(3).body());
            assertThat(server.batches().get(2)).containsExactly(messages.get(3).body());
            assertThat(transport.requestCounter().count("SQS", "SendMessageBatch")).isEqualTo(3);
        }
    }

    @Test
    void serverFaultsAreRetriedLikeThrottlingAndAnInvalidEntryIsReportedAtOnce() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start((request, body) ->
                body.contains("\"n\":0") ? Answer.INVALID : request == 0 && body.contains("\"n\":2") ? Answer.SERVER_FAULT : Answer.OK);
             AwsTransport transport = scripted(server, 4)) {
            List<Message> messages = numbered(3);

            PublishResult result = transport.queueSender(TOPOLOGY, QUEUE).publishBatch(messages);

            assertThat(result.successful()).extracting(r -> r.messageId()).containsExactly(messages.get(1).id(), messages.get(2).id());
            assertThat(result.failed()).singleElement().satisfies(f -> {
                assertThat(f.message()).isEqualTo(messages.get(0));
                assertThat(f.code()).isEqualTo("InvalidMessageContents");
                assertThat(f.retryable()).isFalse();
            });
            assertThat(server.batches()).hasSize(2);
            assertThat(server.batches().get(1)).containsExactly(messages.get(2).body());
        }
    }

    @Test
    void anEntryThrottledOnEveryAttemptIsReportedRetryableAfterTheLastAttempt() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start((request, body) -> body.contains("\"n\":1") ? Answer.THROTTLED : Answer.OK);
             AwsTransport transport = scripted(server, 3)) {
            List<Message> messages = numbered(2);

            PublishResult result = transport.queueSender(TOPOLOGY, QUEUE).publishBatch(messages);

            assertThat(result.successful()).extracting(r -> r.messageId()).containsExactly(messages.get(0).id());
            assertThat(result.failed()).singleElement().satisfies(f -> {
                assertThat(f.message()).isEqualTo(messages.get(1));
                assertThat(f.code()).isEqualTo("ThrottlingException");
                assertThat(f.retryable()).isTrue();
            });
            assertThat(server.batches()).hasSize(3);
        }
    }

    @Test
    void aThrottledWholeCallIsRetriedByTheClient() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start(new ScriptedSqsServer.Script() {
                @Override
                public ScriptedSqsServer.WholeCall whole(int request) {
                    return request < 2 ? new ScriptedSqsServer.WholeCall(400, "Throttling") : null;
                }

                @Override
                public Answer entry(int request, String body) {
                    return Answer.OK;
                }
            });
             AwsTransport transport = scripted(server, 4)) {
            PublishResult result = transport.queueSender(TOPOLOGY, QUEUE).publishBatch(numbered(2));

            assertThat(result.failed()).isEmpty();
            assertThat(server.batches()).hasSize(3);
        }
    }

    @Test
    void aWholeCallThatKeepsFailingIsATransportExceptionNamingQueueAndCode() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start(new ScriptedSqsServer.Script() {
                @Override
                public ScriptedSqsServer.WholeCall whole(int request) {
                    return new ScriptedSqsServer.WholeCall(503, "ServiceUnavailable");
                }

                @Override
                public Answer entry(int request, String body) {
                    return Answer.OK;
                }
            });
             AwsTransport transport = scripted(server, 2)) {
            assertThatThrownBy(() -> transport.queueSender(TOPOLOGY, QUEUE).publishBatch(numbered(2)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.resource()).isEqualTo("queue 'orders'"))
                    .hasMessageContaining("ServiceUnavailable").hasMessageContaining("SendMessageBatch");
            assertThat(server.batches()).hasSize(2);
        }
    }

    @Test
    void publishAllKeepsEveryOutcomeWhenALaterBatchFailsAsAWhole() {
        try (ScriptedSqsServer server = ScriptedSqsServer.start(new ScriptedSqsServer.Script() {
                @Override
                public ScriptedSqsServer.WholeCall whole(int request) {
                    return request >= 1 ? new ScriptedSqsServer.WholeCall(500, "InternalError") : null;
                }

                @Override
                public Answer entry(int request, String body) {
                    return Answer.OK;
                }
            });
             AwsTransport transport = scripted(server, 1)) {
            List<Message> messages = numbered(25);

            PublishResult result = transport.queueSender(TOPOLOGY, QUEUE).publishAll(messages);

            assertThat(result.successful()).extracting(r -> r.messageId()).containsExactlyElementsOf(ids(messages.subList(0, 10)));
            assertThat(result.failed()).extracting(f -> f.message().id()).containsExactlyElementsOf(ids(messages.subList(10, 25)));
            assertThat(result.failed()).allSatisfy(f -> assertThat(f.retryable()).isTrue());
        }
    }

    @Test
    void aBodySqsWouldRefuseIsRefusedBeforeAnyRequest() {
        Topology t = provisioned();
        long before = onElasticMq.requestCounter().total();

        assertThatThrownBy(() -> Message.of("notification", "{\"bad\":\"\u0000\"}"))
                .isInstanceOf(MessageValidationException.class)
                .hasMessageContaining("body must contain only the characters SQS allows");
        assertThat(onElasticMq.requestCounter().total()).isEqualTo(before);
        assertThat(t.queues()).isNotEmpty();
    }

    @Test
    void onElasticMqAcknowledgeReportsExactlyTheEntryWithABadReceiptHandle() {
        Topology t = provisioned();
        String queue = t.queues().get(0).name();
        onElasticMq.queueSender(t, queue).publishAll(numbered(3));
        MessageSource source = onElasticMq.source(t, queue);
        List<ReceivedMessage> received = receiveAll(source, 3);
        ReceivedMessage forged = withHandle(received.get(2), "not-a-receipt-handle");

        OperationResult result = source.acknowledge(List.of(received.get(0), received.get(1), forged));

        assertThat(result.succeeded()).containsExactly(received.get(0), received.get(1));
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(forged);
            assertThat(f.code()).isNotBlank();
        });
    }

    @Test
    void onElasticMqDeadLetterCopiesWithTheReasonAndDeletesTheOriginal() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology t = Topology.builder("t-" + suffix)
                .queue(QueueSpec.builder("work-" + suffix).visibilityTimeout(Duration.ofSeconds(1)).deadLetterQueue("work-dlq-" + suffix, 5).build())
                .build();
        onElasticMq.provision(t);
        Message m = Message.builder().type("notification").body("{\"n\":1}").attribute("store", "example_corp").build();
        onElasticMq.queueSender(t, "work-" + suffix).publish(m);
        MessageSource work = onElasticMq.source(t, "work-" + suffix);
        ReceivedMessage d = receiveAll(work, 1).get(0);

        OperationResult result = work.deadLetter(List.of(new DeadLetter(d, "unknown message type 'notification'")));

        assertThat(result.succeeded()).containsExactly(d);
        ReceivedMessage dead = receiveAll(onElasticMq.source(t, "work-dlq-" + suffix), 1).get(0);
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.body()).isEqualTo(m.body());
        assertThat(dead.attributes().get(MessageSource.DEAD_LETTER_REASON_ATTRIBUTE).stringValue())
                .isEqualTo("unknown message type 'notification'");
        assertThat(dead.attributes()).containsKey("store");
        assertThat(work.receive(10, Duration.ofSeconds(2))).isEmpty();
    }

    private static AwsTransport scripted(ScriptedSqsServer server, int maxAttempts) {
        return Peers.transport(server.endpoint(), AwsServices.SQS_ONLY).maxAttempts(maxAttempts)
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(5)).build();
    }

    private static Topology provisioned() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology t = Topology.builder("t-" + suffix).queue(QueueSpec.builder("q-" + suffix).visibilityTimeout(Duration.ofSeconds(30)).build()).build();
        onElasticMq.provision(t);
        return t;
    }

    private static List<Message> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> Message.of("notification", "{\"n\":" + i + "}")).toList();
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static ReceivedMessage withHandle(ReceivedMessage d, String handle) {
        return new ReceivedMessage(d.queue(), d.id(), d.transportMessageId(), handle, d.receiveCount(), d.sentAt(), d.type(),
                d.body(), d.attributes(), d.groupId(), d.problem());
    }

    private static List<ReceivedMessage> receiveAll(MessageSource source, int expected) {
        List<ReceivedMessage> all = new ArrayList<>();
        for (int polls = 0; polls < 10 && all.size() < expected; polls++) {
            all.addAll(source.receive(10, Duration.ofSeconds(1)));
        }
        assertThat(all).hasSize(expected);
        return all;
    }
}
