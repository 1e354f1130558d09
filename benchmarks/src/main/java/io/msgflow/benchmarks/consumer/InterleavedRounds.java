package io.msgflow.benchmarks.consumer;

import io.msgflow.Message;
import io.msgflow.aws.AwsTransport;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.benchmarks.transport.Rates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs candidates round by round on freshly preloaded queues, the order rotating from round to
 * round, after one warm-up round; keeps every candidate's rate per round, so each can be compared
 * with a baseline measured in the same rounds.
 */
final class InterleavedRounds {
    private final AwsTransport preloader;
    private final List<Candidate> candidates;
    private final Map<Candidate, Rates> rates = new LinkedHashMap<>();
    private final String label;

    InterleavedRounds(String label, AwsTransport preloader, List<Candidate> candidates) {
        this.label = label;
        this.preloader = preloader;
        this.candidates = candidates;
        candidates.forEach(c -> rates.put(c, new Rates()));
    }

    /** One warm-up round of {@code warmUp} messages, then {@code rounds} measured rounds of all {@code messages}. */
    InterleavedRounds run(List<Message> messages, int warmUp, int rounds) throws Exception {
        for (Candidate c : candidates) {
            progress("warm-up, " + c.name());
            drain(c, messages.subList(0, Math.min(warmUp, messages.size())));
        }
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < candidates.size(); turn++) {
                Candidate c = candidates.get((round + turn) % candidates.size());
                progress("round " + (round + 1) + " of " + rounds + ", " + c.name());
                long nanos = drain(c, messages);
                rates.get(c).add(messages.size(), nanos);
                progress(String.format(Locale.ROOT, "  %,.0f msgs/s", messages.size() / (nanos / 1e9)));
            }
        }
        return this;
    }

    private long drain(Candidate candidate, List<Message> messages) throws Exception {
        BenchQueue queue = BenchQueue.preloaded(preloader, messages);
        Checksum checksum = new Checksum();
        System.gc();
        long nanos = candidate.drain(queue, checksum);
        checksum.check(messages.size());
        return nanos;
    }

    Rates rates(Candidate candidate) {
        return rates.get(candidate);
    }

    /** The median over the rounds of the candidate's rate divided by the baseline's rate in the same round. */
    double ratio(Candidate candidate, Candidate baseline) {
        List<Double> ratios = new ArrayList<>();
        List<Double> own = rates.get(candidate).perRound();
        List<Double> base = rates.get(baseline).perRound();
        for (int i = 0; i < own.size(); i++) {
            ratios.add(own.get(i) / base.get(i));
        }
        return Rates.median(ratios);
    }

    private void progress(String what) {
        System.out.println("  " + label + ": " + what);
    }
}
