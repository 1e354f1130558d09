package io.msgflow.benchmarks.aws;

import static io.msgflow.benchmarks.transport.MarkdownTable.decimal;
import static io.msgflow.benchmarks.transport.MarkdownTable.number;
import static io.msgflow.benchmarks.transport.MarkdownTable.ratio;

import io.msgflow.Message;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.Peers;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.MarkdownTable;
import io.msgflow.benchmarks.transport.Rates;
import io.msgflow.benchmarks.transport.Section;
import io.msgflow.benchmarks.transport.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The AWS transport through fauxqs (SNS + SQS) and through ElasticMQ (SQS only), each started by
 * the harness on 127.0.0.1: SNS + SQS requests per message and messages/s of msgflow against the
 * naive SDK loop of the original workflow ({@link NaiveSdkLoop}), same run, same messages. One
 * warm-up round of each, then measured rounds whose order alternates.
 */
public final class AwsBenchmark {
    private static final double TARGET_REQUESTS_PER_MESSAGE = 0.32;
    private static final int WARM_UP_MESSAGES = 500;

    /** Messages per round and measured rounds. */
    public record Options(int messages, int rounds) {
    }

    private final Options options;
    private final List<Target> targets = new ArrayList<>();
    private final MarkdownTable table = new MarkdownTable("peer", "candidate", "requests/msg", "msgs/s (median)", "min .. max",
            "publish msgs/s", "receive+handle+delete msgs/s", "× naive msgs/s", "× naive requests");

    private AwsBenchmark(Options options) {
        this.options = options;
    }

    public static Section run(Options options) throws Exception {
        return new AwsBenchmark(options).measure();
    }

    private Section measure() throws Exception {
        List<Message> messages = BenchMessages.messages(options.messages());
        measurePeer(Peer::fauxqs, messages);
        measurePeer(Peer::elasticMq, messages);
        String markdown = "### Requests per message and throughput against the naive SDK loop\n\n"
                + options.messages() + " messages per round (two types, one queue each), one thread per candidate;"
                + " msgflow: `publishAll` (batches of 10), receives of 10, `DeleteMessageBatch`; naive: one `Publish`"
                + " (`SendMessage` on ElasticMQ) per message, receives of 10, one `DeleteMessage` per message."
                + " Requests counted on the wire by an SDK interceptor, every retry included; provisioning excluded.\n\n"
                + table.text() + '\n';
        return new Section("AWS transport vs the naive SDK loop", markdown, targets);
    }

    private void measurePeer(Supplier<Peer> start, List<Message> messages) throws Exception {
        try (Peer peer = start.get();
             AwsTransport transport = Peers.transport(peer.endpoint(), peer.services()).build();
             NaiveSdkLoop naive = new NaiveSdkLoop(peer.endpoint(), peer.hasSns())) {
            progress(peer, "warm-up");
            MsgflowAwsRun.run(transport, peer.hasSns(), messages.subList(0, WARM_UP_MESSAGES));
            naive.run(transport, messages.subList(0, WARM_UP_MESSAGES));
            List<Run> msgflowRuns = new ArrayList<>();
            List<Run> naiveRuns = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                progress(peer, "round " + (round + 1) + " of " + options.rounds());
                for (int turn = 0; turn < 2; turn++) {
                    if ((round + turn) % 2 == 0) {
                        msgflowRuns.add(MsgflowAwsRun.run(transport, peer.hasSns(), messages));
                    } else {
                        naiveRuns.add(naive.run(transport, messages));
                    }
                }
            }
            report(peer, msgflowRuns, naiveRuns);
        }
    }

    private void report(Peer peer, List<Run> msgflowRuns, List<Run> naiveRuns) {
        Rates msgflow = total(msgflowRuns);
        Rates naive = total(naiveRuns);
        double msgflowRequests = worstRequestsPerMessage(msgflowRuns);
        double naiveRequests = worstRequestsPerMessage(naiveRuns);
        table.row(peer.name(), "msgflow", decimal(msgflowRequests, 3), number(msgflow.median()),
                number(msgflow.min()) + " .. " + number(msgflow.max()), number(publish(msgflowRuns).median()),
                number(consume(msgflowRuns).median()), ratio(msgflow.median() / naive.median()), ratio(msgflowRequests / naiveRequests));
        table.row(peer.name(), "naive SDK loop", decimal(naiveRequests, 3), number(naive.median()),
                number(naive.min()) + " .. " + number(naive.max()), number(publish(naiveRuns).median()), number(consume(naiveRuns).median()),
                ratio(1), ratio(1));
        targets.add(new Target("SNS + SQS requests per message, " + peer.name(), "≤ 0.32",
                String.format(Locale.ROOT, "%.3f (naive loop: %.3f)", msgflowRequests, naiveRequests),
                msgflowRequests <= TARGET_REQUESTS_PER_MESSAGE));
    }

    /** The highest of the rounds: requests per message must hold in every round, not on average. */
    private static double worstRequestsPerMessage(List<Run> runs) {
        return runs.stream().mapToDouble(Run::requestsPerMessage).max().orElseThrow();
    }

    private static Rates total(List<Run> runs) {
        Rates rates = new Rates();
        runs.forEach(r -> rates.add(r.messages(), r.totalNanos()));
        return rates;
    }

    private static Rates publish(List<Run> runs) {
        Rates rates = new Rates();
        runs.forEach(r -> rates.add(r.messages(), r.publishNanos()));
        return rates;
    }

    private static Rates consume(List<Run> runs) {
        Rates rates = new Rates();
        runs.forEach(r -> rates.add(r.messages(), r.consumeNanos()));
        return rates;
    }

    private static void progress(Peer peer, String what) {
        System.out.println("  aws, " + peer.name() + ": " + what);
    }
}
