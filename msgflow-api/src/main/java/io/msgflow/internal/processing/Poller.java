package io.msgflow.internal.processing;

import io.msgflow.MsgflowException;
import io.msgflow.processing.MessageConsumer;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One polling thread of a consumer: receive, process with a heartbeat, settle, repeat. */
public final class Poller {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final MessageSource source;
    private final MessageProcessor processor;
    private final MessageConsumer.Settings settings;
    private final ScheduledExecutorService heartbeats;
    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile boolean receiving;

    public Poller(MessageSource source, MessageProcessor processor, MessageConsumer.Settings settings,
            ScheduledExecutorService heartbeats, String name) {
        this.source = source;
        this.processor = processor;
        this.settings = settings;
        this.heartbeats = heartbeats;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Stops polling; a receive under way is interrupted, a batch under way finishes. */
    public void requestStop() {
        stopRequested = true;
        if (receiving) {
            thread.interrupt();
        }
    }

    public boolean awaitStop(long nanos) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void loop() {
        while (!stopRequested) {
            List<ReceivedMessage> batch = receive();
            if (batch.isEmpty()) {
                continue;
            }
            if (stopRequested) {
                handBack(batch);
                return;
            }
            processWithHeartbeat(batch);
        }
    }

    private List<ReceivedMessage> receive() {
        receiving = true;
        try {
            if (stopRequested) {
                return List.of();
            }
            return source.receive(settings.batchSize(), settings.waitTime());
        } catch (MsgflowException e) {
            if (!stopRequested) {
                LOG.warn("queue '{}': receive failed, polling again in {}: {}", source.queue(), ERROR_PAUSE, e.getMessage());
                pause();
            }
            return List.of();
        } finally {
            receiving = false;
            Thread.interrupted();
        }
    }

    private void processWithHeartbeat(List<ReceivedMessage> batch) {
        Heartbeat heartbeat = new Heartbeat(batch);
        long period = Math.max(100, settings.visibilityTimeout().toMillis() / 2);
        ScheduledFuture<?> task = heartbeats.scheduleAtFixedRate(heartbeat, period, period, TimeUnit.MILLISECONDS);
        try {
            processor.processAndSettle(batch, source);
        } catch (RuntimeException e) {
            LOG.error("queue '{}': processing a batch of {} failed; its messages come back after their visibility timeout",
                    source.queue(), batch.size(), e);
        } finally {
            task.cancel(false);
        }
    }

    private void handBack(List<ReceivedMessage> batch) {
        try {
            source.changeVisibility(batch, Duration.ZERO);
        } catch (MsgflowException e) {
            LOG.warn("queue '{}': could not hand back {} messages on stop; they come back after their visibility timeout: {}",
                    source.queue(), batch.size(), e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Extends a batch's visibility while it is processed, up to the cap. */
    private final class Heartbeat implements Runnable {
        private final List<ReceivedMessage> batch;
        private final long started = System.nanoTime();

        Heartbeat(List<ReceivedMessage> batch) {
            this.batch = batch;
        }

        @Override
        public void run() {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (elapsed.plus(settings.visibilityTimeout()).compareTo(settings.maxExtension()) > 0) {
                return;
            }
            try {
                source.changeVisibility(batch, settings.visibilityTimeout());
            } catch (MsgflowException e) {
                LOG.warn("queue '{}': visibility heartbeat failed: {}", source.queue(), e.getMessage());
            }
        }
    }
}
