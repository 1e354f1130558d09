package io.msgflow.examples.workflow;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of one step over many messages, printed each time another tenth is done; silent for
 * runs under {@link #THRESHOLD} messages. Thread-safe: the processing lanes share one.
 */
final class Progress {
    /** Runs with at least this many messages show progress. */
    static final int THRESHOLD = 1000;

    private final String step;
    private final int total;
    private final PrintStream out;
    private int done;
    private int reportedTenths;

    private Progress(String step, int total, PrintStream out) {
        this.step = step;
        this.total = total;
        this.out = out;
    }

    /** Progress of {@code step} over {@code total} messages, printed to {@code out} when the run is large. */
    static Progress of(String step, int total, PrintStream out) {
        return new Progress(step, total, total >= THRESHOLD ? out : null);
    }

    synchronized void advance(int messages) {
        done += messages;
        int tenths = (int) Math.min(10, (long) done * 10 / Math.max(1, total));
        if (out != null && tenths > reportedTenths) {
            reportedTenths = tenths;
            out.printf(Locale.ROOT, "%-10s %,d of %,d messages (%d%%)%n", step, done, total, tenths * 10);
        }
    }
}
