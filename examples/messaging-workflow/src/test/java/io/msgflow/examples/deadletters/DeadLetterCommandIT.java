package io.msgflow.examples.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dead-letters list|redrive} against fauxqs, through the AWS transport main builds. */
class DeadLetterCommandIT {
    private static FauxqsServer fauxqs;
    private static AwsTransport admin;

    private Topology topology;
    private String queue;
    private List<Message> messages;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        fauxqs = FauxqsServer.start();
        admin = Peers.transport(fauxqs.endpoint(), AwsServices.SNS_AND_SQS).build();
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterAll
    static void stop() {
        admin.close();
        fauxqs.close();
    }

    @BeforeEach
    void deadLetters() {
        queue = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        topology = Topology.builder("t-" + queue).queue(QueueSpec.builder(queue).deadLetterQueue(queue + "-dlq", 3).build()).build();
        admin.provision(topology);
        messages = List.of(Message.of("notification", "{\"n\":1}"), Message.of("critical_alert", "{\"n\":2}"));
        admin.queueSender(topology, queue).publishBatch(messages);
        MessageSource source = admin.source(topology, queue);
        List<ReceivedMessage> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.size() < 2 && System.nanoTime() < deadline) {
            received.addAll(source.receive(10, Duration.ofSeconds(1)));
        }
        Map<String, String> reasons = Map.of("notification", "undecodable body: not json", "critical_alert", "handler failed 5 times");
        source.deadLetter(received.stream().map(m -> new DeadLetter(m, reasons.get(m.type().orElseThrow()))).toList());
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", fauxqs.endpoint().toString(), "--queue-url", url(queue), "--dlq-url", url(queue + "-dlq")));
        return DeadLetterCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                DeadLetterCommand::awsTransport);
    }

    private static String url(String name) {
        return admin.sqsClient().getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private String output() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Test
    void listPrintsEachDeadLetterWithTypeAndReasonAndLeavesThemThere() {
        assertThat(run("list")).isZero();
        String first = output();
        assertThat(run("list", "--reason", "undecodable")).isZero();
        String filtered = output();

        assertThat(first).contains(messages.get(0).id() + "\tnotification\t").contains("undecodable body: not json")
                .contains(messages.get(1).id() + "\tcritical_alert\t").contains("2 dead letter(s) on " + queue + "-dlq");
        assertThat(filtered).contains(messages.get(0).id()).doesNotContain(messages.get(1).id());
    }

    @Test
    void redriveByTypeMovesOnlyThatTypeBackAtTheGivenRate() {
        assertThat(run("redrive", "--type", "critical_alert", "--rate", "5")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).contains("moved 1 message(s) from " + queue + "-dlq to " + queue + " by RECEIVE_SEND_DELETE, left 1, failed 0");

        assertThat(run("list")).isZero();
        assertThat(output()).contains(messages.get(0).id()).doesNotContain(messages.get(1).id());
        assertThat(admin.source(topology, queue).receive(10, Duration.ofSeconds(2))).extracting(ReceivedMessage::id)
                .containsExactly(messages.get(1).id());
    }

    @Test
    void badOptionsExitWithTwoNamingTheOption() {
        assertThat(run("redrive", "--rate", "9000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("`--rate` must be a whole number between 1 and 500, but was '9000'");
        assertThat(DeadLetterCommand.run(List.of("purge"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                DeadLetterCommand::awsTransport)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the command must be list or redrive, but was 'purge'");
    }
}
