package io.msgflow.aws.compat;

import java.time.Duration;

/** Lets real time pass for a real server; re-interrupts when interrupted. */
final class Sleep {
    private Sleep() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while letting time pass", e);
        }
    }
}
