package io.msgflow.aws.peers;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Transports on the test peers: dummy credentials, the peers' default region, short retry waits. */
public final class Peers {
    public static final String REGION = "us-east-1";

    private Peers() {
    }

    public static AwsTransport.Builder transport(URI endpoint, AwsServices services) {
        return AwsTransport.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .services(services)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofMillis(200));
    }
}
