package io.msgflow.benchmarks.sink;

import io.msgflow.sink.SinkRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares ways of writing records into PostgreSQL, same run, same server, same data: the shipped
 * {@code JdbcSink} and the candidates it was chosen from, against raw {@code COPY} (the fastest
 * possible, not idempotent) and one INSERT and commit per row. Each scenario creates its table,
 * runs one warm-up round, then measured rounds, the order of the candidates rotating from round to
 * round (so drift of a shared machine spreads over all); before every write the table is
 * brought back to the same state (emptied, or trimmed back to its prefilled rows and vacuumed)
 * and checkpointed. Reports the median rows/s. See {@code benchmarks/README.md}.
 *
 * <p>Options: {@code --rows=100000 --rounds=5 --prefill=1000000 --small-batches=10000
 * --out=benchmarks/results/sink.txt}.
 */
public final class SinkBenchmark {
    private final Map<String, String> options;
    private final Report report = new Report();

    private SinkBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new SinkBenchmark(options).run();
    }

    private int option(String name, int defaultValue) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(defaultValue)));
    }

    private void run() throws Exception {
        int rows = option("rows", 100_000);
        int rounds = option("rounds", 5);
        int prefill = option("prefill", 1_000_000);
        int smallBatchRows = option("small-batches", 10_000);
        try (BenchDatabase database = BenchDatabase.start()) {
            report.line("# msgflow sink benchmark, " + Instant.now());
            report.line(database.describe());
            report.line("JVM " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; "
                    + rows + " rows per write, 1 warm-up + " + rounds + " measured rounds, median");
            bulk(database, "empty table, " + rows + " rows in one write", new BenchTable(database, "bench_empty", 0), rows, rounds);
            bulk(database, "table holding " + prefill + " rows, " + rows + " more in one write",
                    new BenchTable(database, "bench_prefilled", prefill), rows, rounds);
            if (smallBatchRows > 0) {
                smallBatches(database, new BenchTable(database, "bench_small", 0), smallBatchRows, rounds);
            }
        }
        Path out = Path.of(options.getOrDefault("out", "benchmarks/results/sink.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        System.out.println("\nwritten to " + out.toAbsolutePath());
    }

    private void bulk(BenchDatabase database, String title, BenchTable table, int rows, int rounds) throws SQLException {
        System.out.println("\n... " + title);
        table.create();
        List<Candidate> candidates = List.of(new JdbcSinkCandidate(), new UnnestCandidate(1_000), new UnnestCandidate(100_000),
                new CopyStagingCandidate(), new MultiRowValuesCandidate(1_000), new BatchedInsertCandidate(), new RawCopyCandidate());
        List<Measurement> measurements = new ArrayList<>();
        candidates.forEach(c -> measurements.add(new Measurement(c)));
        for (int round = -1; round < rounds; round++) {
            for (int i = 0; i < candidates.size(); i++) {
                int k = Math.floorMod(i + round, candidates.size());
                Candidate c = candidates.get(k);
                long nanos = timedWrite(database, table, c, Workload.records(rows, seed(table, round, c)));
                if (round >= 0) {
                    measurements.get(k).add(rows, nanos);
                }
            }
        }
        Measurement perRow = new Measurement(new RowPerCommitCandidate());
        timedWrite(database, table, perRow.candidate(), Workload.records(2_000, seed(table, -1, perRow.candidate())));
        perRow.add(rows, timedWrite(database, table, perRow.candidate(), Workload.records(rows, seed(table, 0, perRow.candidate()))));
        measurements.add(perRow);
        report.scenario(title, measurements, measurements.get(candidates.size() - 1));
    }

    /** SQS-sized batches: many writes of 10 rows, each its own transaction; rounds as for bulk writes. */
    private void smallBatches(BenchDatabase database, BenchTable table, int rows, int rounds) throws SQLException {
        String title = "empty table, " + rows + " rows in writes of 10 (one SQS receive each)";
        System.out.println("\n... " + title);
        table.create();
        List<Candidate> candidates = List.of(new JdbcSinkCandidate(), new CopyStagingCandidate(), new MultiRowValuesCandidate(10),
                new BatchedInsertCandidate(), new RowPerCommitCandidate(), new RawCopyCandidate());
        List<Measurement> measurements = new ArrayList<>();
        candidates.forEach(c -> measurements.add(new Measurement(c)));
        for (int round = -1; round < rounds; round++) {
            for (int i = 0; i < candidates.size(); i++) {
                int k = Math.floorMod(i + round, candidates.size());
                long nanos = smallWrites(database, table, candidates.get(k), Workload.records(rows, seed(table, round, candidates.get(k))));
                if (round >= 0) {
                    measurements.get(k).add(rows, nanos);
                }
            }
        }
        report.scenario(title, measurements, measurements.get(candidates.size() - 1));
    }

    private long smallWrites(BenchDatabase database, BenchTable table, Candidate candidate, List<SinkRecord> records) throws SQLException {
        table.reset();
        long nanos = 0;
        for (int from = 0; from < records.size(); from += 10) {
            long start = System.nanoTime();
            writeChecked(database, table, candidate, records.subList(from, Math.min(records.size(), from + 10)));
            nanos += System.nanoTime() - start;
        }
        verify(table, candidate, records.size());
        System.out.printf("  %-50s %8.0f rows/s%n", candidate.name(), records.size() / (nanos / 1e9));
        return nanos;
    }

    private long timedWrite(BenchDatabase database, BenchTable table, Candidate candidate, List<SinkRecord> records) throws SQLException {
        table.reset();
        long start = System.nanoTime();
        writeChecked(database, table, candidate, records);
        long nanos = System.nanoTime() - start;
        verify(table, candidate, records.size());
        System.out.printf("  %-50s %8.0f rows/s%n", candidate.name(), records.size() / (nanos / 1e9));
        return nanos;
    }

    private static void writeChecked(BenchDatabase database, BenchTable table, Candidate candidate, List<SinkRecord> records)
            throws SQLException {
        candidate.write(database.pool(), table.name(), records);
    }

    private static void verify(BenchTable table, Candidate candidate, int rows) throws SQLException {
        long actual = table.rows() - table.prefilledRows();
        if (actual != rows) {
            throw new IllegalStateException(candidate.name() + " left " + actual + " new rows instead of " + rows);
        }
    }

    private static long seed(BenchTable table, int round, Candidate candidate) {
        return ((long) table.name().hashCode() << 32) ^ ((long) round << 16) ^ candidate.name().hashCode();
    }
}
