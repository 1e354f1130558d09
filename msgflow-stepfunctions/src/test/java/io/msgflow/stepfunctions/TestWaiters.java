package io.msgflow.stepfunctions;

import io.msgflow.inmemory.TestClock;
import java.time.Duration;

/** Waiters for tests: none of them sleeps. */
final class TestWaiters {
    private TestWaiters() {
    }

    /** Moves the test clock to the deadline at once. */
    static Waiter advancing(TestClock clock) {
        return (deadline, stop) -> {
            if (!stop.isStopped() && clock.instant().isBefore(deadline)) {
                clock.set(deadline);
            }
        };
    }

    /** Waits until stopped, never moving the clock: a Wait that only a stop can end. */
    static Waiter untilStopped() {
        return (deadline, stop) -> {
            if (!stop.awaitStop(Duration.ofMinutes(1))) {
                throw new AssertionError("nothing stopped the wait within a minute");
            }
        };
    }
}
