package io.msgflow.internal.processing;

import io.msgflow.processing.ConsumerScheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The default {@link ConsumerScheduler}: one daemon thread on the system clock, owned by one consumer run. */
public final class SystemScheduler implements ConsumerScheduler, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return () -> { };
        }
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the thread, waiting up to 1 s for a task under way. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
