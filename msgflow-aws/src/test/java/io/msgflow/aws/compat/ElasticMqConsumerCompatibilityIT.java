package io.msgflow.aws.compat;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.tck.ConsumerCompatibilityKit;
import io.msgflow.tck.TransportFeature;
import io.msgflow.transport.MessageTransport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The consumer kit's real-time subset on embedded ElasticMQ 1.7.1 (SQS only: the kit sends through queue senders). */
class ElasticMqConsumerCompatibilityIT extends ConsumerCompatibilityKit {
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

    @Override
    protected MessageTransport transport() {
        return transport;
    }

    @Override
    protected void advanceTime(Duration duration) {
        Sleep.of(duration);
    }

    @Override
    protected Set<TransportFeature> features() {
        return EnumSet.of(TransportFeature.FIFO, TransportFeature.DEAD_LETTER_REDRIVE, TransportFeature.DELAY);
    }
}
