package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.Message;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The example of the module's README, verbatim between the markers, against fauxqs. */
class ReadmeExampleIT {

    @Test
    void publishReceiveAndAcknowledgeAsTheReadmeShows() {
        Topology topology = Topology.builder("readme-events").queue("notifications").routeType("notification", "notifications").build();
        List<Message> messages = List.of(Message.of("notification", "{\"text\":\"disk at 80%\"}"));
        try (FauxqsServer server = FauxqsServer.start()) {
            URI endpoint = server.endpoint();
            // snippet:transport
            try (AwsTransport transport = AwsTransport.builder()
                    .endpointOverride(endpoint)                                  // leave out for AWS
                    .region("us-east-1")
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build()) {
                transport.provision(topology);                                 // create or verify
                transport.publisher(topology).publishAll(messages);            // PublishBatch, 10 per request
                MessageSource source = transport.source(topology, "notifications");
                List<ReceivedMessage> batch = source.receive(10, Duration.ofSeconds(20));
                source.acknowledge(batch);                                     // DeleteMessageBatch
            }
            // end-snippet
            try (AwsTransport check = Peers.transport(endpoint, AwsServices.SNS_AND_SQS).build()) {
                assertThat(check.source(topology, "notifications").receive(10, Duration.ZERO))
                        .as("received and acknowledged: nothing left").isEmpty();
            }
        }
    }
}
