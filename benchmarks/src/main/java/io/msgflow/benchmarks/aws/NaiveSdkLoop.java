package io.msgflow.benchmarks.aws;

import io.msgflow.Message;
import io.msgflow.WireFormat;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.RequestCounter;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The original workflow's way, straight on the SDK: publish one message per request ({@code Publish},
 * or {@code SendMessage} on an SQS-only peer) with the type attribute, long-poll receives of 10,
 * and one {@code DeleteMessage} per message. Same messages, same handler work, same HTTP client
 * (the JDK's {@code HttpURLConnection}) and one thread, like msgflow's run; its own request counter.
 */
final class NaiveSdkLoop implements AutoCloseable {
    static final int MAX_EMPTY_RECEIVES = 5;
    private static final String TYPE = WireFormat.DEFAULT_TYPE_ATTRIBUTE;

    private final RequestCounter counter = new RequestCounter();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final SnsClient sns;
    private final SqsClient sqs;

    NaiveSdkLoop(URI endpoint, boolean withSns) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
        this.sns = !withSns ? null : SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(c -> c.addExecutionInterceptor(counter)).build();
    }

    /** Runs the loop on a topology that msgflow's transport provisions (topic, queues, filter policies) before the count starts. */
    Run run(AwsTransport provisioner, List<Message> messages) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = BenchMessages.topology(suffix);
        provisioner.provision(topology);
        String topicArn = sns == null ? null : sns.createTopic(r -> r.name(topology.topic())).topicArn();
        String notifications = sqs.getQueueUrl(r -> r.queueName(BenchMessages.notifications(suffix))).queueUrl();
        String alerts = sqs.getQueueUrl(r -> r.queueName(BenchMessages.alerts(suffix))).queueUrl();
        Checksum checksum = new Checksum();
        counter.reset();

        long start = System.nanoTime();
        for (Message m : messages) {
            String queueUrl = m.type().equals(BenchMessages.NOTIFICATION) ? notifications : alerts;
            publishOne(topicArn, queueUrl, m);
        }
        long published = System.nanoTime();
        drain(notifications, checksum, MsgflowAwsRun.countOf(messages, true));
        drain(alerts, checksum, MsgflowAwsRun.countOf(messages, false));
        long consumed = System.nanoTime();
        checksum.check(messages.size());
        return new Run(messages.size(), counter.total(), published - start, consumed - published);
    }

    private void publishOne(String topicArn, String queueUrl, Message m) {
        if (sns != null) {
            sns.publish(r -> r.topicArn(topicArn).message(m.body()).messageAttributes(Map.of(TYPE,
                    software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String").stringValue(m.type()).build())));
        } else {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(m.body()).messageAttributes(Map.of(TYPE,
                    MessageAttributeValue.builder().dataType("String").stringValue(m.type()).build())));
        }
    }

    private void drain(String queueUrl, Checksum checksum, long expected) {
        long target = checksum.handled() + expected;
        int emptyReceives = 0;
        while (checksum.handled() < target) {
            List<software.amazon.awssdk.services.sqs.model.Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            if (batch.isEmpty() && ++emptyReceives >= MAX_EMPTY_RECEIVES) {
                throw new IllegalStateException("queue " + queueUrl + ": " + (target - checksum.handled()) + " messages never came");
            }
            for (software.amazon.awssdk.services.sqs.model.Message m : batch) {
                emptyReceives = 0;
                checksum.add(BenchMessages.CODEC.decode(m.messageAttributes().get(TYPE).stringValue(), m.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Override
    public void close() {
        sqs.close();
        if (sns != null) {
            sns.close();
        }
        http.close();
    }
}
