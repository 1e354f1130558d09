package io.msgflow.benchmarks.consumer;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.topology.Topology;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Run in a fresh JVM by {@link HttpClientBenchmark}: what a Lambda cold start pays for an HTTP
 * client. From the first line of {@code main}, builds the client, the SQS client and the
 * transport, and makes one receive; prints that time, the JVM's uptime at that point and the
 * classes loaded, in milliseconds and a count: {@code <ms> <uptime ms> <classes>}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        SyncHttpClient kind = SyncHttpClient.valueOf(args[0]);
        URI endpoint = URI.create(args[1]);
        String queue = args[2];
        SdkHttpClient http = kind.create();
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        try (AwsTransport transport = AwsTransport.builder().clients(null, sqs).services(AwsServices.SQS_ONLY).build()) {
            Topology topology = Topology.builder(queue).queue(queue).build();
            transport.source(topology, queue).receive(1, Duration.ZERO);
            long nanos = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "%.1f %d %d%n", nanos / 1e6, ManagementFactory.getRuntimeMXBean().getUptime(),
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        } finally {
            sqs.close();
            http.close();
        }
    }
}
