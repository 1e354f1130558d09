package io.msgflow.benchmarks.consumer;

import static io.msgflow.benchmarks.transport.MarkdownTable.number;
import static io.msgflow.benchmarks.transport.MarkdownTable.ratio;

import io.msgflow.Message;
import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.HttpClientKind;
import io.msgflow.aws.peers.ElasticMqServer;
import io.msgflow.aws.peers.Peers;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.MarkdownTable;
import io.msgflow.benchmarks.transport.Rates;
import io.msgflow.benchmarks.transport.Section;
import io.msgflow.processing.MessageConsumer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Which synchronous HTTP client makes {@code MessageConsumer} fastest: the same consumer loop on
 * embedded ElasticMQ over each of the SDK's synchronous clients, interleaved round by round in one
 * process, each rate divided by the one of the JDK's {@code HttpURLConnection} client (msgflow's
 * default before this measurement) in the same round. Then the cold start of each (a fresh JVM
 * building the client and making one receive), which is what a Lambda pays.
 */
public final class HttpClientBenchmark {
    private static final int WARM_UP_MESSAGES = 1_000;

    /** Messages per round, measured rounds, the poller counts to run, and fresh JVMs per client for the cold start. */
    public record Options(int messages, int rounds, List<Integer> pollers, int coldStarts) {
    }

    private final Options options;
    private final MarkdownTable throughput = new MarkdownTable("pollers", "HTTP client (artifact)", "msgs/s (median)", "min .. max",
            "× url-connection", "× Apache 5");
    private final MarkdownTable coldStart = new MarkdownTable("HTTP client", "main → first receive done, ms (median)", "min .. max",
            "JVM uptime then, ms", "classes loaded");

    private HttpClientBenchmark(Options options) {
        this.options = options;
    }

    public static Section run(Options options) throws Exception {
        return new HttpClientBenchmark(options).measure();
    }

    private Section measure() throws Exception {
        List<Message> messages = BenchMessages.messages(options.messages());
        try (ElasticMqServer server = ElasticMqServer.start();
             AwsTransport preloader = Peers.transport(server.endpoint(), AwsServices.SQS_ONLY).httpClient(HttpClientKind.APACHE).build()) {
            for (int pollers : options.pollers()) {
                throughput(server.endpoint(), preloader, messages, pollers);
            }
            coldStarts(server.endpoint(), preloader);
        }
        String markdown = "### The consumer's loop on each HTTP client\n\n" + options.messages() + " messages preloaded on one ElasticMQ"
                + " queue per round; `MessageConsumer` with its defaults but the poller count drains it (receive 10, decode, handler,"
                + " `DeleteMessageBatch`); time from `start()` to the last confirmed delete. One warm-up round, then "
                + options.rounds() + " rounds, clients in rotating order; ratios are medians of per-round ratios.\n\n"
                + throughput.text() + "\n### Cold start\n\nA fresh JVM per run (" + options.coldStarts() + " per client, interleaved):"
                + " build the HTTP client, the SQS client and the transport, make one receive.\n\n" + coldStart.text() + '\n';
        return new Section("SDK HTTP clients for the consumer", markdown, List.of());
    }

    private void throughput(URI endpoint, AwsTransport preloader, List<Message> messages, int pollers) throws Exception {
        Map<SyncHttpClient, Candidate> candidates = new EnumMap<>(SyncHttpClient.class);
        UnaryOperator<MessageConsumer.Builder> settings = b -> b.pollers(pollers);
        try {
            for (SyncHttpClient kind : SyncHttpClient.values()) {
                candidates.put(kind, candidate(kind, endpoint, settings));
            }
            InterleavedRounds rounds = new InterleavedRounds("http clients, " + pollers + " poller(s)", preloader,
                    new ArrayList<>(candidates.values())).run(messages, WARM_UP_MESSAGES, options.rounds());
            for (SyncHttpClient kind : SyncHttpClient.values()) {
                Candidate c = candidates.get(kind);
                Rates r = rounds.rates(c);
                throughput.row(pollers, kind.label() + " (`" + kind.artifact() + "`)", number(r.median()), number(r.min()) + " .. "
                        + number(r.max()), ratio(rounds.ratio(c, candidates.get(SyncHttpClient.URL_CONNECTION))),
                        ratio(rounds.ratio(c, candidates.get(SyncHttpClient.APACHE5))));
            }
        } finally {
            candidates.values().forEach(Candidate::close);
        }
    }

    private static Candidate candidate(SyncHttpClient kind, URI endpoint, UnaryOperator<MessageConsumer.Builder> settings) {
        SdkHttpClient http = kind.create();
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        AwsTransport transport = AwsTransport.builder().clients(null, sqs).services(AwsServices.SQS_ONLY).build();
        return new MsgflowConsumer(kind.label(), transport, settings, () -> {
            sqs.close();
            http.close();
        });
    }

    private void coldStarts(URI endpoint, AwsTransport preloader) throws Exception {
        String queue = BenchQueue.preloaded(preloader, List.of()).name();
        Map<SyncHttpClient, List<double[]>> runs = new EnumMap<>(SyncHttpClient.class);
        for (int i = 0; i < options.coldStarts(); i++) {
            for (SyncHttpClient kind : SyncHttpClient.values()) {
                System.out.println("  cold start " + (i + 1) + " of " + options.coldStarts() + ", " + kind.label());
                runs.computeIfAbsent(kind, k -> new ArrayList<>()).add(probe(kind, endpoint, queue));
            }
        }
        for (SyncHttpClient kind : SyncHttpClient.values()) {
            List<Double> millis = runs.get(kind).stream().map(r -> r[0]).toList();
            List<Double> uptime = runs.get(kind).stream().map(r -> r[1]).toList();
            List<Double> classes = runs.get(kind).stream().map(r -> r[2]).toList();
            coldStart.row(kind.label(), number(Rates.median(millis)), number(millis.stream().mapToDouble(d -> d).min().orElseThrow())
                    + " .. " + number(millis.stream().mapToDouble(d -> d).max().orElseThrow()), number(Rates.median(uptime)),
                    number(Rates.median(classes)));
        }
    }

    private static double[] probe(SyncHttpClient kind, URI endpoint, String queue) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ColdStartProbe.class.getName(), kind.name(), endpoint.toString(), queue);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cold start probe of " + kind + " failed: " + output);
        }
        String[] lines = output.split("\n");
        String[] fields = lines[lines.length - 1].trim().split(" ");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
    }
}
