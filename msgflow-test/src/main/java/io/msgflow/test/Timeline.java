package io.msgflow.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Renders traffic as the lines failed assertions print: virtual time since the start, then the event. */
final class Timeline {
    private Timeline() {
    }

    static String render(Instant start, List<TrafficEvent> events) {
        StringBuilder b = new StringBuilder("traffic timeline (virtual time since the harness started):");
        if (events.isEmpty()) {
            b.append("\n  (nothing happened)");
        }
        for (TrafficEvent e : events) {
            b.append("\n  +").append(duration(Duration.between(start, e.at()))).append("  ").append(e.describe());
        }
        return b.toString();
    }

    /** {@code 250 ms}, {@code 1.5 s}, {@code 2 min 3 s}, {@code 3 h 20 min}, {@code 14 d}: short, exact below a minute. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
        }
        if (millis < 3_600_000) {
            return join(millis / 60_000, " min", (millis % 60_000) / 1000, " s");
        }
        if (millis < 86_400_000) {
            return join(millis / 3_600_000, " h", (millis % 3_600_000) / 60_000, " min");
        }
        return join(millis / 86_400_000, " d", (millis % 86_400_000) / 3_600_000, " h");
    }

    private static String join(long major, String majorUnit, long minor, String minorUnit) {
        return major + majorUnit + (minor == 0 ? "" : " " + minor + minorUnit);
    }
}
