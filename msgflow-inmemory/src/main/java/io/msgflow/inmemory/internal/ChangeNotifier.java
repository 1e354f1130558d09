package io.msgflow.inmemory.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Wakes threads that await a condition on the transport whenever a queue changes. Costs a
 * queue operation one emptiness check while nobody waits.
 */
final class ChangeNotifier {
    /** Re-check at least this often, for conditions on things outside the transport (a sink, a counter). */
    private static final long MAX_PARK_NANOS = 5_000_000L;

    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    void changed() {
        if (!waiting.isEmpty()) {
            waiting.forEach(LockSupport::unpark);
        }
    }

    /**
     * Waits, in real time, until {@code condition} holds.
     *
     * @return true when it held within the timeout; false on timeout or interrupt (the flag is set again)
     */
    boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread self = Thread.currentThread();
        waiting.add(self);
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || self.isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NANOS));
            }
            return true;
        } finally {
            waiting.remove(self);
        }
    }
}
