package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where ElasticMQ 1.7.1 departs from the SQS documentation, shown on the wire so a fixed release is noticed. */
class ElasticMqDifferencesIT {
    private static ElasticMqServer server;
    private static AwsTransport transport;

    @BeforeAll
    static void start() {
        server = ElasticMqServer.start();
        transport = Peers.transport(server.endpoint(), AwsServices.SQS_ONLY).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    /** AWS returns a SequenceNumber for every successful FIFO entry of SendMessageBatch; ElasticMQ 1.7.1 only for SendMessage. */
    @Test
    void elasticMqAnswersFifoBatchEntriesWithoutSequenceNumber() {
        String queue = "orders-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo";
        Topology t = Topology.builder("orders.fifo").queue(QueueSpec.named(queue)).build();
        transport.provision(t);
        Message single = Message.builder().type("order").body("{\"n\":1}").groupId("g").deduplicationId("d-1").build();
        Message batched = Message.builder().type("order").body("{\"n\":2}").groupId("g").deduplicationId("d-2").build();

        PublishReceipt sent = transport.queueSender(t, queue).publish(single);
        PublishResult batch = transport.queueSender(t, queue).publishBatch(List.of(batched));

        assertThat(sent.sequenceNumber()).isPresent();
        assertThat(batch.successful()).singleElement().satisfies(r -> assertThat(r.sequenceNumber()).isEmpty());
    }
}
