package io.msgflow.benchmarks.transport;

import static io.msgflow.benchmarks.transport.MarkdownTable.decimal;
import static io.msgflow.benchmarks.transport.MarkdownTable.number;
import static io.msgflow.benchmarks.transport.MarkdownTable.ratio;

import io.msgflow.Message;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * msgflow's in-memory transport end to end against a plain {@link java.util.concurrent.ArrayBlockingQueue}
 * hand-off of the same messages with the same handler work, same run:
 *
 * <ul>
 *   <li><b>at depth:</b> {@code depth} messages are published (the queues fill up to that depth),
 *       then drained and handled on the same thread; messages/s over both halves. Depths below
 *       {@value #MESSAGES_PER_ROUND} messages repeat within a round until a round moves that many.
 *       The candidates rotate which goes first from round to round. msgflow publishes both with
 *       {@code publishAll} and batch by batch ({@link Publishing}), so that a cost of merging the
 *       batches' results shows as the difference.</li>
 *   <li><b>where the time goes:</b> each stage on its own ({@link StageBreakdown}).</li>
 *   <li><b>streaming:</b> one publisher thread while one consumer per queue (the real
 *       {@code MessageConsumer}) drains; the baseline is one producer and two consumer threads on
 *       a queue of 1 000.</li>
 *   <li><b>heap per queued message:</b> a JVM forked with {@code -Xmx1g} queues the messages and
 *       measures the heap after a full collection (see {@link HeapProbe}).</li>
 * </ul>
 */
public final class InMemoryBenchmark {
    static final int MESSAGES_PER_ROUND = 100_000;
    private static final double TARGET_RATIO = 0.20;
    private static final double FLATNESS = 0.20;
    private static final long ONE_GIB = 1L << 30;

    /** Depths to measure, measured rounds (at most 3 for depths of a million and more), streaming and heap message counts. */
    public record Options(List<Integer> depths, int rounds, int streamingMessages, int heapMessages) {
    }

    private final Options options;
    private final StringBuilder markdown = new StringBuilder();
    private final List<Target> targets = new ArrayList<>();

    private InMemoryBenchmark(Options options) {
        this.options = options;
    }

    public static Section run(Options options) throws InterruptedException {
        return new InMemoryBenchmark(options).measure();
    }

    private Section measure() throws InterruptedException {
        warmUp();
        depths();
        breakdown();
        streaming();
        heap();
        return new Section("In-memory transport vs ArrayBlockingQueue", markdown.toString(), targets);
    }

    private void warmUp() throws InterruptedException {
        progress("warm-up: 3 rounds of " + MESSAGES_PER_ROUND + " messages each way");
        List<Message> messages = BenchMessages.messages(MESSAGES_PER_ROUND);
        for (int i = 0; i < 3; i++) {
            for (Publishing p : Publishing.values()) {
                InMemoryPipeline.fillThenDrain(p, messages, 1);
            }
            BlockingQueueHandOff.fillThenDrain(messages, 1);
        }
        InMemoryPipeline.streaming(Publishing.PUBLISH_ALL, messages.subList(0, 20_000));
        BlockingQueueHandOff.streaming(messages.subList(0, 20_000), 2, 1_000);
    }

    /** One way to move {@code depth} messages through and handle them, {@code reps} times. */
    private interface Candidate {
        Timing run(List<Message> messages, int reps) throws InterruptedException;
    }

    private void depths() throws InterruptedException {
        MarkdownTable table = new MarkdownTable("queued messages", "candidate", "rounds", "msgs/s (median)", "min .. max",
                "× ArrayBlockingQueue", "publish msgs/s", "receive+handle+ack msgs/s");
        Map<Publishing, List<Double>> rates = new EnumMap<>(Publishing.class);
        Map<Publishing, List<Double>> ratios = new EnumMap<>(Publishing.class);
        for (int depth : options.depths()) {
            int reps = Math.max(1, MESSAGES_PER_ROUND / depth);
            int rounds = depth >= 1_000_000 ? Math.min(3, options.rounds()) : options.rounds();
            List<Message> messages = BenchMessages.messages(depth);
            Map<Publishing, Rates[]> msgflow = new EnumMap<>(Publishing.class);
            for (Publishing p : Publishing.values()) {
                msgflow.put(p, new Rates[] {new Rates(), new Rates(), new Rates()});
            }
            Rates baseline = new Rates();
            List<Candidate> candidates = List.of(
                    (m, r) -> record(msgflow.get(Publishing.BATCH_BY_BATCH), depth, r, InMemoryPipeline.fillThenDrain(Publishing.BATCH_BY_BATCH, m, r)),
                    (m, r) -> {
                        Timing t = BlockingQueueHandOff.fillThenDrain(m, r);
                        baseline.add((long) depth * r, t.totalNanos());
                        return t;
                    },
                    (m, r) -> record(msgflow.get(Publishing.PUBLISH_ALL), depth, r, InMemoryPipeline.fillThenDrain(Publishing.PUBLISH_ALL, m, r)));
            for (int round = 0; round < rounds; round++) {
                progress("depth " + depth + ", round " + (round + 1) + " of " + rounds);
                for (int turn = 0; turn < candidates.size(); turn++) {
                    int k = (round + turn) % candidates.size();
                    System.gc();
                    candidates.get(k).run(messages, reps);
                }
            }
            for (Publishing p : List.of(Publishing.PUBLISH_ALL, Publishing.BATCH_BY_BATCH)) {
                Rates[] r = msgflow.get(p);
                double toBaseline = r[0].median() / baseline.median();
                rates.computeIfAbsent(p, x -> new ArrayList<>()).add(r[0].median());
                ratios.computeIfAbsent(p, x -> new ArrayList<>()).add(toBaseline);
                table.row(number(depth), "msgflow, " + p.label(), r[0].rounds(), number(r[0].median()),
                        number(r[0].min()) + " .. " + number(r[0].max()), ratio(toBaseline), number(r[1].median()), number(r[2].median()));
            }
            table.row(number(depth), "ArrayBlockingQueue", baseline.rounds(), number(baseline.median()),
                    number(baseline.min()) + " .. " + number(baseline.max()), ratio(1), "", "");
        }
        markdown.append("### End to end at a queue depth (publish → filter → queue → handler → ack)\n\n")
                .append("`depth` messages are published, then drained; msgs/s over both halves. msgflow publishes with the shipped")
                .append(" `publishAll`, and with one `publishBatch` per 10 (the same batches, results not merged).\n\n")
                .append(table.text()).append('\n');
        for (Publishing p : List.of(Publishing.PUBLISH_ALL, Publishing.BATCH_BY_BATCH)) {
            decideDepthTargets(p, rates.get(p), ratios.get(p));
        }
    }

    /** Adds a run to the rates of its candidate: end to end, publish half, drain half. */
    private static Timing record(Rates[] rates, int depth, int reps, Timing t) {
        long messages = (long) depth * reps;
        rates[0].add(messages, t.totalNanos());
        rates[1].add(messages, t.fillNanos());
        rates[2].add(messages, t.drainNanos());
        return t;
    }

    private void decideDepthTargets(Publishing publishing, List<Double> rates, List<Double> ratios) {
        double worstRatio = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        targets.add(new Target("in-memory end to end vs ArrayBlockingQueue, " + publishing.label(), "≥ 0.20 × at every depth",
                String.format(Locale.ROOT, "%.2f × at worst (%s)", worstRatio, joined(ratios, "%.2f")), worstRatio >= TARGET_RATIO));
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        double median = sorted.get(sorted.size() / 2);
        List<Double> deviations = new ArrayList<>();
        rates.forEach(rate -> deviations.add((rate / median - 1) * 100));
        boolean flat = deviations.stream().allMatch(d -> Math.abs(d) <= FLATNESS * 100);
        targets.add(new Target("in-memory rate flat over depths " + options.depths() + ", " + publishing.label(),
                "each within ± 20 % of their median", joined(deviations, "%+.0f %%"), flat));
    }

    private void breakdown() throws InterruptedException {
        progress("where the time goes: " + MESSAGES_PER_ROUND + " messages, one stage at a time, " + options.rounds() + " rounds");
        markdown.append("### Where the time goes: one stage at a time\n\n")
                .append(number(MESSAGES_PER_ROUND)).append(" messages, one thread, each stage over all messages before the next;"
                        + " msgflow publishes batch by batch.\n\n")
                .append(StageBreakdown.run(MESSAGES_PER_ROUND, options.rounds())).append('\n');
    }

    private void streaming() throws InterruptedException {
        int count = options.streamingMessages();
        List<Message> messages = BenchMessages.messages(count);
        Map<Publishing, Rates> msgflow = new EnumMap<>(Publishing.class);
        Rates baseline = new Rates();
        for (int round = 0; round < options.rounds(); round++) {
            progress("streaming " + count + ", round " + (round + 1) + " of " + options.rounds());
            for (int turn = 0; turn < 3; turn++) {
                System.gc();
                int k = (round + turn) % 3;
                if (k == 2) {
                    baseline.add(count, BlockingQueueHandOff.streaming(messages, 2, 1_000));
                } else {
                    Publishing p = Publishing.values()[k];
                    msgflow.computeIfAbsent(p, x -> new Rates()).add(count, InMemoryPipeline.streaming(p, messages));
                }
            }
        }
        MarkdownTable table = new MarkdownTable("messages", "candidate", "rounds", "msgs/s (median)", "min .. max", "× ArrayBlockingQueue");
        for (Publishing p : List.of(Publishing.PUBLISH_ALL, Publishing.BATCH_BY_BATCH)) {
            Rates r = msgflow.get(p);
            table.row(number(count), "msgflow, " + p.label(), r.rounds(), number(r.median()), number(r.min()) + " .. " + number(r.max()),
                    ratio(r.median() / baseline.median()));
        }
        table.row(number(count), "ArrayBlockingQueue", baseline.rounds(), number(baseline.median()),
                number(baseline.min()) + " .. " + number(baseline.max()), ratio(1));
        markdown.append("### Streaming: a publisher thread and one consumer per queue at the same time\n\n")
                .append("msgflow: one thread publishes while a `MessageConsumer` (1 poller) per queue drains; baseline: one producer,"
                        + " two consumers, `ArrayBlockingQueue` of 1 000. The clock stops at the last acknowledgement.\n\n")
                .append(table.text()).append('\n');
    }

    private void heap() {
        int count = options.heapMessages();
        progress("heap: " + count + " messages in a forked JVM with -Xmx1g, each way");
        HeapMeasurement.Result msgflow = HeapMeasurement.probe(HeapProbe.MSGFLOW, count, "-Xmx1g");
        HeapMeasurement.Result measured = msgflow;
        if (msgflow.outOfMemory()) {
            progress("heap: msgflow ran out of 1 GiB after " + msgflow.count() + " messages; measuring again with -Xmx4g");
            measured = HeapMeasurement.probe(HeapProbe.MSGFLOW, count, "-Xmx4g");
        }
        HeapMeasurement.Result baseline = HeapMeasurement.probe(HeapProbe.QUEUE, count, "-Xmx1g");
        MarkdownTable table = new MarkdownTable("queued messages", "candidate", "JVM", "fits", "heap after full GC, MiB",
                "bytes per message", "× ArrayBlockingQueue");
        table.row(number(count), "msgflow in-memory (published, routed, not received)", measured.maxHeapFlag(),
                msgflow.outOfMemory() ? "no: out of memory after " + number(msgflow.count()) : "yes",
                decimal((measured.after() - measured.before()) / 1048576.0, 0), number(measured.bytesPerMessage()),
                ratio(measured.bytesPerMessage() / baseline.bytesPerMessage()));
        table.row(number(count), "ArrayBlockingQueue of the Message objects", baseline.maxHeapFlag(), baseline.outOfMemory() ? "no" : "yes",
                decimal((baseline.after() - baseline.before()) / 1048576.0, 0), number(baseline.bytesPerMessage()), ratio(1));
        markdown.append("### Heap per queued message (").append(BenchMessages.BODY_BYTES).append("-byte bodies)\n\n").append(table.text())
                .append('\n');
        double projected = measured.bytesPerMessage() * 1_000_000;
        targets.add(new Target("1 M queued messages with 200-byte bodies in 1 GiB", "fits in -Xmx1g",
                (count >= 1_000_000 ? (msgflow.outOfMemory() ? "out of memory" : "fits") + ", " : "")
                        + String.format(Locale.ROOT, "%.0f bytes/message → %.0f MiB per million", measured.bytesPerMessage(), projected / 1048576),
                !msgflow.outOfMemory() && projected < ONE_GIB));
    }

    private static String joined(List<Double> values, String format) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(String.format(Locale.ROOT, format, v)));
        return String.join(", ", texts);
    }

    private static void progress(String what) {
        System.out.println("  in-memory: " + what);
    }
}
