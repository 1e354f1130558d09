package io.msgflow.benchmarks.sink;

import java.util.List;
import java.util.Locale;

/** The result table of one scenario, with each strategy's rate relative to raw COPY of the same run. */
final class Report {
    private final StringBuilder text = new StringBuilder();

    void line(String line) {
        text.append(line).append('\n');
        System.out.println(line);
    }

    void scenario(String title, List<Measurement> measurements, Measurement copy) {
        line("");
        line("## " + title);
        line(String.format(Locale.ROOT, "%-50s %-24s %7s %12s %25s %9s", "strategy", "idempotence", "rounds", "rows/s", "min .. max rows/s",
                copy == null ? "" : "x COPY"));
        for (Measurement m : measurements) {
            line(String.format(Locale.ROOT, "%-50s %-24s %7d %12.0f %25s %9s", m.candidate().name(), m.candidate().idempotence(),
                    m.rounds(), m.median(), String.format(Locale.ROOT, "%.0f .. %.0f", m.min(), m.max()),
                    copy == null ? "" : String.format(Locale.ROOT, "%.2f", m.median() / copy.median())));
        }
    }

    String text() {
        return text.toString();
    }
}
