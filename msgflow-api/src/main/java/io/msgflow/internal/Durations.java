package io.msgflow.internal;

import java.time.Duration;

/** Human-readable durations for messages: {@code 13 h}, {@code 90 s}, {@code 250 ms}. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        if (d.isZero()) {
            return "0 s";
        }
        if (d.toNanos() % 1_000_000_000L != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + " d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
