package io.msgflow.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AwsTransportBuilderTest {
    @Test
    void settersNameTheSettingTheRuleAndTheValue() {
        assertThatThrownBy(() -> AwsTransport.builder().maxAttempts(0))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("`maxAttempts` must be between 1 and 10, but was 0");
        assertThatThrownBy(() -> AwsTransport.builder().retryMaxDelay(Duration.ofMinutes(2)))
                .hasMessage("`retryMaxDelay` must be between 1 ms and 1 min, but was 2 min");
        assertThatThrownBy(() -> AwsTransport.builder().accountId("123"))
                .hasMessage("`accountId` must be 12 digits, but was '123'");
        assertThatThrownBy(() -> AwsTransport.builder().region("Europe"))
                .hasMessage("`region` must be an AWS region name such as eu-west-1, but was 'Europe'");
        assertThatThrownBy(() -> AwsTransport.builder().endpointOverride(URI.create("localhost")))
                .hasMessageContaining("`endpointOverride` must be an absolute http(s) URI, but was 'localhost'");
    }

    @Test
    void snsAndSqsNeedAnSnsClientWhenClientsArePassed() {
        assertThatThrownBy(() -> AwsTransport.builder().clients(null,
                software.amazon.awssdk.services.sqs.SqsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1).build()).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("snsClient"));
    }

    @Test
    void retryDelaysOutOfOrderAreRefusedAtBuild() {
        assertThatThrownBy(() -> AwsTransport.builder().region("us-east-1").retryBaseDelay(Duration.ofSeconds(2))
                .retryMaxDelay(Duration.ofSeconds(1)).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retryMaxDelay");
    }

    @Test
    void buildsOnApacheByDefaultTheFastestClientForAConsumer() {
        try (AwsTransport transport = AwsTransport.builder().region("us-east-1").build()) {
            assertThat(transport.httpClient()).contains(HttpClientKind.APACHE);
            assertThat(transport).hasToString("AwsTransport{SNS_AND_SQS, httpClient=APACHE, region=us-east-1}");
        }
    }

    @Test
    void buildsOnTheChosenClient() {
        try (AwsTransport transport = AwsTransport.builder().region("us-east-1").httpClient(HttpClientKind.URL_CONNECTION).build()) {
            assertThat(transport.httpClient()).contains(HttpClientKind.URL_CONNECTION);
        }
    }

    @Test
    void passedClientsHaveNoClientKindOfTheTransport() {
        software.amazon.awssdk.services.sqs.SqsClient sqs = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).build();
        try (AwsTransport transport = AwsTransport.builder().clients(null, sqs).services(AwsServices.SQS_ONLY).build()) {
            assertThat(transport.httpClient()).isEmpty();
        } finally {
            sqs.close();
        }
    }

    @Test
    void existingResourcesAreAddressedByTopicArnAndQueueUrlWhoseShapeIsChecked() {
        assertThatThrownBy(() -> AwsTransport.builder().topicArn("events"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`topicArn` must look like arn:aws:sns:<region>:<12-digit account>:<topic>, but was 'events'");
        assertThatThrownBy(() -> AwsTransport.builder().topicArn("arn:aws:sqs:eu-west-1:123456789012:events"))
                .hasMessageContaining("`topicArn` must look like");
        assertThatThrownBy(() -> AwsTransport.builder().queueUrl("notifications"))
                .hasMessage("`queueUrl` must be an absolute http(s) URL whose last path segment is the queue name, but was 'notifications'");
        assertThatThrownBy(() -> AwsTransport.builder().queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/"))
                .hasMessageContaining("`queueUrl` must be");
        assertThatThrownBy(() -> AwsTransport.builder().queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/a b"))
                .hasMessageContaining("`queueUrl` must be");
        AwsTransport.builder().topicArn("arn:aws:sns:eu-west-1:123456789012:events")
                .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/notifications.fifo");
    }

    /** What {@code MessageConsumer.Builder#pollers} accepts at most: each poller holds a connection through its long poll. */
    private static final int MOST_POLLERS_OF_A_CONSUMER = 100;

    @Test
    void theDefaultPoolHoldsTheMostPollersOfAConsumerPlusRoomForTheOtherCalls() {
        assertThat(AwsTransport.builder().maxConnections()).isEqualTo(AwsTransport.DEFAULT_MAX_CONNECTIONS)
                .isEqualTo(MOST_POLLERS_OF_A_CONSUMER + AwsTransport.CONNECTIONS_BESIDES_POLLERS);
    }
}
