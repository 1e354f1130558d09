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
import io.msgflow.benchmarks.transport.Target;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * msgflow's {@code MessageConsumer} against Spring Cloud AWS's {@code SqsMessageListenerContainer}
 * on the same embedded ElasticMQ: each round preloads a fresh queue per candidate and times from
 * start to the last confirmed delete; candidates interleaved, order rotating; ratios are medians
 * of per-round ratios.
 */
public final class ConsumerBenchmark {
    private static final int WARM_UP_MESSAGES = 2_000;

    /**
     * Messages per round, measured rounds, and which candidates to run (names starting with one of
     * {@code only}, all when empty: for profiling one of them).
     */
    public record Options(int messages, int rounds, List<String> only) {
    }

    /** msgflow's settings for the tuned candidate: the consumer's and the transport's. */
    static final String TUNED_DESCRIPTION = "8 pollers, Apache client";
    private static final UnaryOperator<io.msgflow.processing.MessageConsumer.Builder> TUNED_CONSUMER = b -> b.pollers(8);
    private static final UnaryOperator<AwsTransport.Builder> TUNED_TRANSPORT = b -> b.httpClient(HttpClientKind.APACHE);

    private final Options options;

    private ConsumerBenchmark(Options options) {
        this.options = options;
    }

    public static Section run(Options options) throws Exception {
        return new ConsumerBenchmark(options).measure();
    }

    private Section measure() throws Exception {
        List<Message> messages = BenchMessages.messages(options.messages());
        try (ElasticMqServer server = ElasticMqServer.start();
             AwsTransport preloader = Peers.transport(server.endpoint(), AwsServices.SQS_ONLY).httpClient(HttpClientKind.APACHE).build()) {
            URI endpoint = server.endpoint();
            Candidate msgflowDefault = new MsgflowConsumer("msgflow, defaults", Peers.transport(endpoint, AwsServices.SQS_ONLY).build(),
                    UnaryOperator.identity());
            Candidate scaDefault = new SpringCloudAwsConsumer("Spring Cloud AWS, defaults", endpoint, o -> {
            });
            Candidate scaTuned = new SpringCloudAwsConsumer("Spring Cloud AWS, maxConcurrentMessages 50, maxMessagesPerPoll 10", endpoint,
                    o -> o.maxConcurrentMessages(50).maxMessagesPerPoll(10));
            Candidate msgflowTuned = new MsgflowConsumer("msgflow, tuned: " + TUNED_DESCRIPTION,
                    TUNED_TRANSPORT.apply(Peers.transport(endpoint, AwsServices.SQS_ONLY)).build(), TUNED_CONSUMER);
            List<Candidate> all = List.of(msgflowDefault, scaDefault, scaTuned, msgflowTuned);
            List<Candidate> candidates = all.stream().filter(c -> options.only().isEmpty()
                    || options.only().stream().anyMatch(prefix -> c.name().startsWith(prefix))).toList();
            all.stream().filter(c -> !candidates.contains(c)).forEach(Candidate::close);
            try {
                InterleavedRounds rounds = new InterleavedRounds("consumers", preloader, candidates)
                        .run(messages, WARM_UP_MESSAGES, options.rounds());
                if (candidates.size() < all.size()) {
                    return new Section("Consumer vs Spring Cloud AWS (only " + options.only() + ")", "", List.of());
                }
                return section(rounds, msgflowDefault, scaDefault, scaTuned, msgflowTuned);
            } finally {
                candidates.forEach(Candidate::close);
            }
        }
    }

    private Section section(InterleavedRounds rounds, Candidate msgflowDefault, Candidate scaDefault, Candidate scaTuned,
            Candidate msgflowTuned) {
        MarkdownTable table = new MarkdownTable("candidate", "msgs/s (median)", "min .. max", "× SCA defaults", "× SCA tuned");
        for (Candidate c : List.of(msgflowDefault, msgflowTuned, scaDefault, scaTuned)) {
            Rates r = rounds.rates(c);
            table.row(c.name(), number(r.median()), number(r.min()) + " .. " + number(r.max()), ratio(rounds.ratio(c, scaDefault)),
                    ratio(rounds.ratio(c, scaTuned)));
        }
        List<Target> targets = new ArrayList<>();
        targets.add(target("msgflow defaults vs Spring Cloud AWS defaults", rounds.ratio(msgflowDefault, scaDefault), 2.0));
        targets.add(target("msgflow defaults vs Spring Cloud AWS tuned", rounds.ratio(msgflowDefault, scaTuned), 1.2));
        targets.add(target("msgflow tuned vs Spring Cloud AWS tuned", rounds.ratio(msgflowTuned, scaTuned), 2.0));
        String markdown = "### Draining a preloaded queue: msgflow vs Spring Cloud AWS " + "3.4.2\n\n" + options.messages()
                + " messages (200-byte JSON bodies) preloaded on one ElasticMQ queue per candidate and round; time from start to the"
                + " last confirmed delete; one warm-up round of " + WARM_UP_MESSAGES + ", then " + options.rounds()
                + " rounds, candidates in rotating order. Every candidate decodes each body with the same codec and adds it to a"
                + " checksum that the run verifies. Spring Cloud AWS runs on the SDK's default asynchronous client (Netty), as its"
                + " starter builds it; tuned: `maxConcurrentMessages` 50, `maxMessagesPerPoll` 10. msgflow tuned: "
                + TUNED_DESCRIPTION + ".\n\n" + table.text() + '\n';
        return new Section("Consumer vs Spring Cloud AWS", markdown, targets);
    }

    private static Target target(String name, double measured, double wanted) {
        return new Target(name, "≥ " + ratio(wanted), ratio(measured), measured >= wanted);
    }
}
