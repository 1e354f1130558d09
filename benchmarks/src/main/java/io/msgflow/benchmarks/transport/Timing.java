package io.msgflow.benchmarks.transport;

/** Nanoseconds of the two halves of a fill-then-drain run: enqueueing every message, then taking and handling every one. */
public record Timing(long fillNanos, long drainNanos) {

    public long totalNanos() {
        return fillNanos + drainNanos;
    }

    public Timing plus(Timing other) {
        return new Timing(fillNanos + other.fillNanos, drainNanos + other.drainNanos);
    }

    public static Timing zero() {
        return new Timing(0, 0);
    }
}
