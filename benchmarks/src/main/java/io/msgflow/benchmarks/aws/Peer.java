package io.msgflow.benchmarks.aws;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.FauxqsServer;
import java.net.URI;

/** An AWS-compatible server the harness starts on 127.0.0.1: fauxqs (SNS + SQS) or ElasticMQ (SQS only). */
record Peer(String name, URI endpoint, AwsServices services, Runnable stop) implements AutoCloseable {

    static Peer fauxqs() {
        FauxqsServer server = FauxqsServer.start();
        return new Peer("fauxqs 1.9.2 (SNS + SQS)", server.endpoint(), AwsServices.SNS_AND_SQS, server::close);
    }

    static Peer elasticMq() {
        ElasticMqServer server = ElasticMqServer.start();
        return new Peer("ElasticMQ 1.7.1 (SQS only)", server.endpoint(), AwsServices.SQS_ONLY, server::close);
    }

    boolean hasSns() {
        return services == AwsServices.SNS_AND_SQS;
    }

    @Override
    public void close() {
        stop.run();
    }
}
