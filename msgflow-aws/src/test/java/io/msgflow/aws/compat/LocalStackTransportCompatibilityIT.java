package io.msgflow.aws.compat;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.tck.TransportCompatibilityKit;
import io.msgflow.transport.MessageTransport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole transport kit on LocalStack (SNS and SQS) in a Docker container. Skipped, not failed,
 * where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTransportCompatibilityIT extends TransportCompatibilityKit {
    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);

    private static AwsTransport transport;

    @BeforeAll
    static void connect() {
        transport = AwsTransport.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(LOCALSTACK.getRegion())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .services(AwsServices.SNS_AND_SQS)
                .build();
    }

    @AfterAll
    static void close() {
        if (transport != null) {
            transport.close();
        }
    }

    @Override
    protected MessageTransport transport() {
        return transport;
    }

    @Override
    protected void advanceTime(Duration duration) {
        Sleep.of(duration);
    }
}
