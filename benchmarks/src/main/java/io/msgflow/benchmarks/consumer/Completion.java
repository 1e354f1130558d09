package io.msgflow.benchmarks.consumer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts confirmed deletes and records when the last expected one came back. */
final class Completion {
    /** A candidate that has not deleted everything by then has failed the round. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final long expected;
    private final AtomicLong deleted = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long doneNanos;

    Completion(long expected) {
        this.expected = expected;
    }

    void deleted(int count) {
        if (deleted.addAndGet(count) >= expected && done.getCount() > 0) {
            doneNanos = System.nanoTime();
            done.countDown();
        }
    }

    /** The nanoTime of the last confirmed delete. */
    long await(String candidate, String queue) throws InterruptedException {
        if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(candidate + ", queue '" + queue + "': " + deleted.get() + " of " + expected
                    + " messages deleted after " + TIMEOUT);
        }
        return doneNanos;
    }
}
