package io.msgflow.examples.workflow;

import io.msgflow.transport.PublishFailure;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link RunSummary}: the setup, the two steps, a table with one line per message type, the verdict. */
final class SummaryPrinter {
    private static final String[] HEADER = {"type", "queue", "published", "routed", "processed", "rows", "table", "DLQ"};
    /** Columns that hold counts, aligned right. */
    private static final boolean[] NUMERIC = {false, false, true, true, true, true, false, true};
    private static final int MAX_LISTED_FAILURES = 5;

    private SummaryPrinter() {
    }

    static void print(RunSummary summary, PrintStream out) {
        out.println("msgflow messaging workflow: " + number(summary.perType()) + " message(s) of each type");
        out.println("  transport  " + summary.transport());
        out.println("  database   " + summary.database());
        out.println();
        out.println("  PublishMessages  " + number(summary.published()) + " published in " + seconds(summary.publishTime()));
        out.println("  ProcessMessages  " + summary.lanes().size() + " queues drained in parallel in " + seconds(summary.processTime()));
        out.println();
        printTable(summary.lanes(), out);
        out.println();
        printVerdict(summary, out);
    }

    private static void printTable(List<LaneSummary> lanes, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LaneSummary lane : lanes) {
            rows.add(new String[] {lane.lane().messageType(), lane.lane().queue(), number(lane.published()), number(lane.routed()),
                number(lane.processed()), number(lane.rows()), lane.lane().table(), number(lane.deadLetters())});
        }
        int[] widths = new int[HEADER.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append("  ").append(NUMERIC[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        return line.toString();
    }

    private static void printVerdict(RunSummary summary, PrintStream out) {
        if (summary.succeeded()) {
            out.println("OK: all " + number(summary.published()) + " published messages are rows in the tables of their types"
                    + (summary.deadLetters() == 0 ? "; the dead-letter queues are empty." : "; "
                    + number(summary.deadLetters()) + " message(s) from earlier runs wait on the dead-letter queues."));
            return;
        }
        out.println("FAILED:");
        for (LaneSummary lane : summary.lanes()) {
            if (!lane.complete()) {
                out.println("  " + number(lane.published() - lane.rows()) + " of " + number(lane.published()) + " published "
                        + lane.lane().messageType() + " message(s) are not rows in " + lane.lane().table()
                        + (lane.deadLetters() > 0 ? " (see " + lane.lane().deadLetterQueue() + ")" : ""));
            }
        }
        List<PublishFailure> failures = summary.publishFailures();
        if (!failures.isEmpty()) {
            out.println("  " + number(failures.size()) + " message(s) were not published, e.g.:");
            failures.stream().limit(MAX_LISTED_FAILURES).forEach(f -> out.println("    " + f.message().type() + " " + f.message().id()
                    + ": " + f.code() + ": " + f.reason()));
        }
    }

    static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
