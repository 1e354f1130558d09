package io.msgflow.aws.compat;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.tck.DeadLetterQueueCompatibilityKit;
import io.msgflow.transport.MessageTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The dead-letter queue kit on Fauxqs. */
class FauxqsDeadLetterQueueCompatibilityIT extends DeadLetterQueueCompatibilityKit {
    private static FauxqsServer server;
    private static AwsTransport transport;

    @BeforeAll
    static void start() {
        server = FauxqsServer.start();
        transport = Peers.transport(server.endpoint(), AwsServices.SNS_AND_SQS).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    @Override
    protected MessageTransport transport() {
        return transport;
    }
}
