package io.msgflow.internal.processing;

import io.msgflow.processing.ConsumerScheduler;
import io.msgflow.processing.ErrorHandler;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.transport.MessageSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One start-to-stop run of a consumer: the poller pool, the scheduler, and the number of pollers,
 * which adapts between the minimum and the maximum. A poller that received a full batch starts
 * another (while below the maximum: the in-flight bound is {@code maxPollers × batchSize}); a
 * poller whose receive came back empty ends (while above the minimum).
 */
public final class ConsumerRun {
    /** What a run needs from its consumer. */
    public record Config(MessageSource source, MessageProcessor processor, Settlement settlement, ErrorHandler errorHandler,
                         int minPollers, int maxPollers, int batchSize, Duration waitTime, Duration visibilityTimeout,
                         Duration maxExtension, Duration emptyReceiveBackoff, Duration restartBackoff, Duration maxRestartBackoff,
                         Clock clock, ConsumerScheduler scheduler) {
    }

    private final Config config;
    private final ThreadPoolExecutor workers;
    private final SystemScheduler ownScheduler;
    private final ConsumerScheduler scheduler;
    private final Set<PollLoop> loops = ConcurrentHashMap.newKeySet();
    private final Set<ConsumerScheduler.Scheduled> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean polling = true;
    private int active;

    public ConsumerRun(Config config) {
        this.config = config;
        String queue = config.source().queue();
        this.workers = new ThreadPoolExecutor(config.maxPollers(), config.maxPollers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "msgflow-poller-" + queue + "-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        this.ownScheduler = config.scheduler() == null ? new SystemScheduler("msgflow-scheduler-" + queue) : null;
        this.scheduler = ownScheduler != null ? ownScheduler : config.scheduler();
    }

    public void start() {
        for (int i = 0; i < config.minPollers(); i++) {
            addLoop();
        }
    }

    Config config() {
        return config;
    }

    ConsumerScheduler scheduler() {
        return scheduler;
    }

    boolean isPolling() {
        return polling;
    }

    public synchronized int activePollers() {
        return active;
    }

    private synchronized void addLoop() {
        active++;
        PollLoop loop = new PollLoop(this);
        loops.add(loop);
        workers.execute(loop);
    }

    /** After a full receive: one more poller, while below the maximum. */
    synchronized void scaleUp() {
        if (polling && active < config.maxPollers()) {
            addLoop();
        }
    }

    /** After an empty receive: whether this poller may end (the run stays above its minimum). */
    synchronized boolean scaleDown(PollLoop loop) {
        if (active > config.minPollers()) {
            active--;
            loops.remove(loop);
            return true;
        }
        return false;
    }

    synchronized void ended(PollLoop loop) {
        if (loops.remove(loop)) {
            active--;
        }
    }

    /** Runs {@code loop} again after {@code delay} on the scheduler; nothing once stopping. */
    void resumeAfter(PollLoop loop, Duration delay) {
        if (!polling) {
            ended(loop);
            return;
        }
        ConsumerScheduler.Scheduled[] handle = new ConsumerScheduler.Scheduled[1];
        handle[0] = scheduler.schedule(delay, () -> {
            pending.remove(handle[0]);
            resume(loop);
        });
        pending.add(handle[0]);
        if (!polling && pending.remove(handle[0])) {
            handle[0].cancel();
            ended(loop);
        }
    }

    private void resume(PollLoop loop) {
        if (!polling) {
            ended(loop);
            return;
        }
        try {
            workers.execute(loop);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ended(loop);
        }
    }

    /**
     * Stops polling, aborts receives under way, lets started batches finish and settle (a batch
     * received from now on is handed back), then shuts the pollers and the scheduler, in that order.
     *
     * @return whether the pollers finished within {@code timeout}
     */
    public boolean stop(Duration timeout) {
        polling = false;
        for (ConsumerScheduler.Scheduled s : pending) {
            s.cancel();
        }
        pending.clear();
        loops.forEach(PollLoop::abortReceive);
        workers.shutdown();
        boolean finished = await(timeout);
        if (!finished) {
            workers.shutdownNow();
            await(Duration.ofSeconds(1));
        }
        if (ownScheduler != null) {
            ownScheduler.close();
        }
        synchronized (this) {
            loops.clear();
            active = 0;
        }
        return finished;
    }

    private boolean await(Duration timeout) {
        try {
            return workers.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return workers.isTerminated();
        }
    }

    /** Whether every thread of this run has ended. */
    public boolean isTerminated() {
        return workers.isTerminated();
    }
}
