package io.msgflow.stepfunctions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How an execution waits: for a Wait state, between retries, and nowhere else. The default,
 * {@link #onClock(Clock)}, really waits; a test supplies one that moves its test clock to the
 * deadline instead, so a Wait of an hour takes no time.
 *
 * <p><b>Contract:</b> return once the runner's clock has reached {@code deadline}, or as soon as
 * {@code stop} is stopped (a Parallel branch failed, the execution timed out). <b>Threading:</b>
 * called from every branch's thread at once.
 */
@FunctionalInterface
public interface Waiter {

    void await(Instant deadline, Stop stop) throws InterruptedException;

    /** Waits in real time on {@code clock}, waking early when stopped. */
    static Waiter onClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return (deadline, stop) -> {
            Duration left = Duration.between(clock.instant(), deadline);
            while (!left.isNegative() && !left.isZero() && !stop.awaitStop(left)) {
                left = Duration.between(clock.instant(), deadline);
            }
        };
    }

    /** Tells a waiting execution to give up waiting. */
    interface Stop {

        boolean isStopped();

        /**
         * Blocks until stopped or until {@code max} has passed in real time.
         *
         * @return whether it is stopped
         */
        boolean awaitStop(Duration max) throws InterruptedException;
    }
}
