package io.msgflow.internal.redrive;

import java.util.function.LongSupplier;

/**
 * Spaces permits evenly at a rate: the n-th permit is granted no earlier than n / rate seconds after
 * the first. Not thread-safe; one per redrive.
 */
public final class Pacer {
    /** Waits; injected so tests do not sleep. */
    @FunctionalInterface
    public interface Waiter {
        Waiter THREAD = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

        void waitNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Waiter waiter;
    private long next;
    private boolean started;

    public Pacer(int perSecond, LongSupplier nanoTime, Waiter waiter) {
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.nanoTime = nanoTime;
        this.waiter = waiter;
    }

    public static Pacer realTime(int perSecond) {
        return new Pacer(perSecond, System::nanoTime, Waiter.THREAD);
    }

    /**
     * Waits until {@code permits} more may go.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire(int permits) throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (!started || next < now) {
            next = now;
            started = true;
        }
        long wait = next - now;
        if (wait > 0) {
            waiter.waitNanos(wait);
        }
        next += intervalNanos * permits;
    }
}
