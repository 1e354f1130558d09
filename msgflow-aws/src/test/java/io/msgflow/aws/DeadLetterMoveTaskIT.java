package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.TransportException;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
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
 * Redrive of everything through SQS {@code StartMessageMoveTask}: ElasticMQ 1.7.1 runs move tasks;
 * fauxqs 1.9.2 does not have the action, so {@code AUTO} falls back to receive, send and delete
 * and an explicit {@code MOVE_TASK} fails naming the call.
 */
class DeadLetterMoveTaskIT {
    private static ElasticMqServer elasticMq;
    private static FauxqsServer fauxqs;
    private static AwsTransport onElasticMq;
    private static AwsTransport onFauxqs;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqServer.start();
        fauxqs = FauxqsServer.start();
        onElasticMq = Peers.transport(elasticMq.endpoint(), AwsServices.SQS_ONLY).build();
        onFauxqs = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
    }

    @AfterAll
    static void stop() {
        onElasticMq.close();
        onFauxqs.close();
        elasticMq.close();
        fauxqs.close();
    }

    private static Topology topology() {
        String queue = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        return Topology.builder("t-" + queue).queue(QueueSpec.builder(queue).deadLetterQueue(queue + "-dlq", 3).build()).build();
    }

    private static List<String> deadLetter(AwsTransport transport, Topology topology, int count) {
        String queue = topology.queues().get(0).name();
        transport.provision(topology);
        List<Message> messages = IntStream.range(0, count).mapToObj(i -> Message.of("notification", "{\"n\":" + i + "}")).toList();
        transport.queueSender(topology, queue).publishBatch(messages);
        MessageSource source = transport.source(topology, queue);
        List<ReceivedMessage> received = receive(source, count);
        assertThat(source.deadLetter(received.stream().map(m -> new DeadLetter(m, "kept failing")).toList()).failed()).isEmpty();
        return messages.stream().map(Message::id).toList();
    }

    private static List<ReceivedMessage> receive(MessageSource source, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(source.receive(10, Duration.ofSeconds(1)));
        }
        return received;
    }

    @Test
    void elasticMqRunsAMoveTaskThatBringsEveryMessageBackWithItsId() {
        Topology topology = topology();
        String queue = topology.queues().get(0).name();
        List<String> ids = deadLetter(onElasticMq, topology, 5);

        RedriveResult result = onElasticMq.deadLetterQueue(topology, queue).redrive(RedriveOptions.builder().messagesPerSecond(100).build());

        assertThat(result.method()).isEqualTo(RedriveMethod.MOVE_TASK);
        assertThat(result.moveTaskHandle()).isPresent();
        MessageSource source = onElasticMq.source(topology, queue);
        List<ReceivedMessage> back = receive(source, 5);
        assertThat(back).extracting(ReceivedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(onElasticMq.requestCounter().count("SQS", "StartMessageMoveTask")).isPositive();
    }

    @Test
    void onFauxqsAutoFallsBackToReceiveSendDeleteAndAnExplicitMoveTaskFails() {
        Topology topology = topology();
        String queue = topology.queues().get(0).name();
        List<String> ids = deadLetter(onFauxqs, topology, 3);

        assertThatThrownBy(() -> onFauxqs.deadLetterQueue(topology, queue)
                .redrive(RedriveOptions.builder().method(RedriveMethod.MOVE_TASK).build()))
                .isInstanceOf(TransportException.class).hasMessageContaining("StartMessageMoveTask");
        RedriveResult result = onFauxqs.deadLetterQueue(topology, queue).redrive(RedriveOptions.all());

        assertThat(result.method()).isEqualTo(RedriveMethod.RECEIVE_SEND_DELETE);
        assertThat(result.movedIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receive(onFauxqs.source(topology, queue), 3)).extracting(ReceivedMessage::id).containsExactlyInAnyOrderElementsOf(ids);
    }
}
