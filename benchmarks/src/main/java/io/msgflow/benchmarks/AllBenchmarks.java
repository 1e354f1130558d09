package io.msgflow.benchmarks;

import io.msgflow.benchmarks.aws.AwsBenchmark;
import io.msgflow.benchmarks.consumer.ConsumerBenchmark;
import io.msgflow.benchmarks.consumer.HttpClientBenchmark;
import io.msgflow.benchmarks.sink.SinkBenchmark;
import io.msgflow.benchmarks.transport.InMemoryBenchmark;
import io.msgflow.benchmarks.transport.MarkdownTable;
import io.msgflow.benchmarks.transport.Section;
import io.msgflow.benchmarks.transport.Target;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point of the benchmarks (see {@code benchmarks/README.md}): runs the in-memory
 * transport against an {@code ArrayBlockingQueue}, the AWS transport on fauxqs and ElasticMQ
 * against the naive SDK loop, and the sink against raw COPY and row-per-commit inserts (through
 * {@link SinkBenchmark}); prints progress and the tables, and writes them with the machine, the
 * command and the verdict on every target to {@code benchmarks/results/latest.md}. Every figure
 * is compared with a baseline measured in the same run. Run it from the repository root.
 *
 * <p>Options (defaults in brackets): {@code --parts=inmemory,aws,http,consumer,sink}, {@code --depths=1000,100000,1000000},
 * {@code --rounds=5}, {@code --streaming=100000}, {@code --heap=1000000}, {@code --aws-messages=5000},
 * {@code --aws-rounds=3}, {@code --http-messages=5000}, {@code --http-rounds=3},
 * {@code --http-pollers=1,4}, {@code --cold-starts=3}, {@code --consumer-messages=20000}, {@code --consumer-rounds=3},
 * {@code --consumer-only=} (candidate name prefixes, for profiling one), {@code --out=benchmarks/results/latest.md}; {@code --sink.<option>=<value>} is
 * passed to the sink benchmark as {@code --<option>=<value>}.
 */
public final class AllBenchmarks {
    private static final String FAUXQS_DIR_PROPERTY = "msgflow.fauxqs.dir";

    private final Map<String, String> options;
    private final List<String> args;

    private AllBenchmarks(List<String> args) {
        this.args = args;
        this.options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
    }

    public static void main(String[] args) throws Exception {
        quietPeers();
        new AllBenchmarks(Arrays.asList(args)).run();
    }

    /** ElasticMQ logs every queue it creates, Spring Cloud AWS every container start; their warnings are enough here. Set before the first logger exists. */
    private static void quietPeers() {
        for (String logger : List.of("org.elasticmq", "org.apache.pekko", "io.awspring.cloud")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            System.setProperty(key, System.getProperty(key, "warn"));
        }
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        List<String> parts = List.of(options.getOrDefault("parts", "inmemory,aws,http,consumer,sink").split(","));
        List<Section> sections = new ArrayList<>();
        if (parts.contains("inmemory")) {
            announce("in-memory transport vs ArrayBlockingQueue");
            sections.add(InMemoryBenchmark.run(new InMemoryBenchmark.Options(integers("depths", "1000,100000,1000000"),
                    integer("rounds", 5), integer("streaming", 100_000), integer("heap", 1_000_000))));
        }
        if (parts.contains("aws")) {
            announce("AWS transport on fauxqs and ElasticMQ vs the naive SDK loop");
            System.setProperty(FAUXQS_DIR_PROPERTY, System.getProperty(FAUXQS_DIR_PROPERTY, "msgflow-aws/src/test/fauxqs"));
            sections.add(AwsBenchmark.run(new AwsBenchmark.Options(integer("aws-messages", 5_000), integer("aws-rounds", 3))));
        }
        if (parts.contains("http")) {
            announce("the consumer on each SDK HTTP client, ElasticMQ");
            sections.add(HttpClientBenchmark.run(new HttpClientBenchmark.Options(integer("http-messages", 5_000), integer("http-rounds", 3),
                    integers("http-pollers", "1,4"), integer("cold-starts", 3))));
        }
        if (parts.contains("consumer")) {
            announce("the consumer vs Spring Cloud AWS's SqsMessageListenerContainer, ElasticMQ");
            sections.add(ConsumerBenchmark.run(new ConsumerBenchmark.Options(integer("consumer-messages", 20_000),
                    integer("consumer-rounds", 3), strings("consumer-only"))));
        }
        if (parts.contains("sink")) {
            announce("sink vs raw COPY and one INSERT + commit per row");
            sections.add(sink());
        }
        String report = report(sections, Duration.ofNanos(System.nanoTime() - start));
        Path out = Path.of(options.getOrDefault("out", "benchmarks/results/latest.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("\n" + report + "\nwritten to " + out.toAbsolutePath());
    }

    private Section sink() throws Exception {
        List<String> sinkArgs = new ArrayList<>();
        options.forEach((k, v) -> {
            if (k.startsWith("sink.")) {
                sinkArgs.add("--" + k.substring("sink.".length()) + "=" + v);
            }
        });
        Path sinkOut = Path.of(options.getOrDefault("sink.out", "benchmarks/results/sink.txt"));
        if (!options.containsKey("sink.out")) {
            sinkArgs.add("--out=" + sinkOut);
        }
        SinkBenchmark.main(sinkArgs.toArray(String[]::new));
        return SinkReportSummary.of(Files.readString(sinkOut, StandardCharsets.UTF_8), sinkOut);
    }

    private String report(List<Section> sections, Duration took) {
        StringBuilder text = new StringBuilder("# msgflow benchmarks, ").append(Instant.now()).append("\n\n");
        text.append("Machine: ").append(machine()).append("  \n");
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        text.append("Command: `java ").append(jvmArguments.isEmpty() ? "" : String.join(" ", jvmArguments) + " ").append("-cp … ").append(AllBenchmarks.class.getName()).append(args.isEmpty() ? "" : " " + String.join(" ", args))
                .append("`  \n");
        text.append("Took: ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s. ")
                .append("Every ratio compares two candidates of this run on this machine; absolute rates move with the machine's load.\n\n");
        MarkdownTable verdicts = new MarkdownTable("target", "wanted", "measured", "met");
        sections.forEach(s -> s.targets().forEach(t -> verdicts.row(t.name(), t.target(), t.measured(), t.met() ? "yes" : "**no**")));
        text.append("## Targets\n\n").append(verdicts.text()).append('\n');
        for (Section s : sections) {
            text.append("## ").append(s.title()).append("\n\n").append(s.markdown()).append('\n');
        }
        return text.toString();
    }

    private static String machine() {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d CPUs%s, %.1f GiB memory, %s %s, JDK %s (%s), max heap %d MiB", Runtime.getRuntime().availableProcessors(),
                cpuModel().map(m -> " (" + m + ")").orElse(""), os.getTotalMemorySize() / (double) (1L << 30), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private int integer(String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(defaultValue)).replace("_", ""));
    }

    private List<Integer> integers(String name, String defaultValue) {
        List<Integer> values = new ArrayList<>();
        for (String v : options.getOrDefault(name, defaultValue).split(",")) {
            values.add(Integer.parseInt(v.trim().replace("_", "")));
        }
        return values;
    }

    private List<String> strings(String name) {
        String value = options.getOrDefault(name, "");
        return value.isBlank() ? List.of() : List.of(value.split(","));
    }

    private static void announce(String part) {
        System.out.println("\n=== " + part);
    }

    /**
     * Reads the sink benchmark's report (its own format, see {@code SinkBenchmark}) and sets the
     * shipped {@code JdbcSink} against raw COPY and one INSERT + commit per row in each of its
     * scenarios; the two bulk scenarios (empty table, table of a million rows and more) decide
     * the targets.
     */
    static final class SinkReportSummary {
        private static final String CHOSEN = "JdbcSink";
        private static final String COPY = "raw COPY";
        private static final String ROW_PER_COMMIT = "one INSERT + commit per row";

        private SinkReportSummary() {
        }

        static Section of(String report, Path file) {
            MarkdownTable table = new MarkdownTable("scenario", "JdbcSink rows/s", "raw COPY rows/s", "row-per-commit rows/s", "× COPY",
                    "× row-per-commit");
            List<Target> targets = new ArrayList<>();
            String scenario = null;
            Map<String, Double> rates = new LinkedHashMap<>();
            for (String line : (report + "\n## end").split("\n")) {
                if (line.startsWith("## ")) {
                    if (scenario != null) {
                        summarise(scenario, rates, table, targets);
                    }
                    scenario = line.substring(3).trim();
                    rates.clear();
                } else if (scenario != null) {
                    rate(line, CHOSEN).ifPresent(r -> rates.put(CHOSEN, r));
                    rate(line, COPY).ifPresent(r -> rates.put(COPY, r));
                    rate(line, ROW_PER_COMMIT).ifPresent(r -> rates.put(ROW_PER_COMMIT, r));
                }
            }
            String markdown = table.text() + "\nThe sink benchmark's full report (`" + file + "`), every candidate it compares:\n\n```\n"
                    + report.trim() + "\n```\n";
            return new Section("Sink vs raw COPY and one INSERT + commit per row", markdown, targets);
        }

        private static void summarise(String scenario, Map<String, Double> rates, MarkdownTable table, List<Target> targets) {
            if (!rates.containsKey(CHOSEN) || !rates.containsKey(COPY) || !rates.containsKey(ROW_PER_COMMIT)) {
                table.row(scenario, "not in the report", "", "", "", "");
                return;
            }
            double chosen = rates.get(CHOSEN);
            double toCopy = chosen / rates.get(COPY);
            double toRowPerCommit = chosen / rates.get(ROW_PER_COMMIT);
            table.row(scenario, MarkdownTable.number(chosen), MarkdownTable.number(rates.get(COPY)), MarkdownTable.number(rates.get(ROW_PER_COMMIT)),
                    MarkdownTable.ratio(toCopy), MarkdownTable.ratio(toRowPerCommit));
            if (scenario.contains("in one write")) {
                targets.add(new Target("sink vs raw COPY, " + scenario, "≥ 0.5 ×", MarkdownTable.ratio(toCopy), toCopy >= 0.5));
                targets.add(new Target("sink vs one INSERT + commit per row, " + scenario, "≥ 20 ×", MarkdownTable.ratio(toRowPerCommit),
                        toRowPerCommit >= 20));
            }
        }

        /** The median rows/s of a candidate's line: name (50 columns), idempotence, rounds, rows/s, .... */
        private static Optional<Double> rate(String line, String candidate) {
            if (!line.startsWith(candidate) || line.length() <= 50) {
                return Optional.empty();
            }
            String[] columns = line.substring(50).trim().split("\\s+");
            return columns.length > 2 ? Optional.of(Double.parseDouble(columns[2])) : Optional.empty();
        }
    }
}
