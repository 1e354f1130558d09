package io.msgflow.processing;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.processing.Poller;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.MessageSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A long-polling consumer of one queue: {@code pollers} threads each receive a batch, process it
 * with the {@link MessageProcessor} and settle it, then poll again.
 *
 * <p><b>Backpressure:</b> at most {@code pollers × batchSize} messages are in flight; a poller
 * receives only when it has finished its previous batch. <b>Heartbeat:</b> while a batch is being
 * processed its visibility is extended every half visibility timeout, up to
 * {@code maxExtension}, so a slow handler does not cause a redelivery. <b>Stop:</b>
 * {@link #stop(Duration)} stops polling, lets batches in flight finish, and hands back (visibility
 * 0) what was received but not started. A stopped consumer can be started again.
 * <b>Threading:</b> start and stop are thread-safe; handlers run on the poller threads.
 */
public final class MessageConsumer implements AutoCloseable {
    private final MessageSource source;
    private final MessageProcessor processor;
    private final Settings settings;
    private final Object lock = new Object();
    private List<Poller> pollers = List.of();
    private ScheduledExecutorService heartbeats;

    /** The consumer's settings, as the pollers read them. */
    public record Settings(int pollers, int batchSize, Duration waitTime, Duration visibilityTimeout, Duration maxExtension) {
    }

    private MessageConsumer(Builder b) {
        this.source = b.source;
        this.processor = b.processor;
        this.settings = new Settings(b.pollers, b.batchSize, b.waitTime, b.visibilityTimeout, b.maxExtension);
    }

    public static Builder builder(MessageSource source, MessageProcessor processor) {
        return new Builder(source, processor);
    }

    /** Starts polling; does nothing if already running. */
    public void start() {
        synchronized (lock) {
            if (isRunning()) {
                return;
            }
            heartbeats = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "msgflow-heartbeat-" + source.queue());
                t.setDaemon(true);
                return t;
            });
            List<Poller> started = new ArrayList<>();
            for (int i = 0; i < settings.pollers(); i++) {
                Poller p = new Poller(source, processor, settings, heartbeats, "msgflow-poller-" + source.queue() + "-" + i);
                p.start();
                started.add(p);
            }
            pollers = List.copyOf(started);
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return pollers.stream().anyMatch(Poller::isAlive);
        }
    }

    /**
     * Stops polling and waits up to {@code timeout} for the batches in flight to finish.
     *
     * @return whether every poller finished within the timeout
     */
    public boolean stop(Duration timeout) {
        synchronized (lock) {
            pollers.forEach(Poller::requestStop);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean finished = true;
            for (Poller p : pollers) {
                finished &= p.awaitStop(Math.max(0, deadline - System.nanoTime()));
            }
            if (heartbeats != null) {
                heartbeats.shutdownNow();
                try {
                    heartbeats.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return finished;
        }
    }

    /** Stops with a timeout of the visibility timeout. */
    @Override
    public void close() {
        stop(settings.visibilityTimeout());
    }

    /** Builds a {@link MessageConsumer}. */
    public static final class Builder {
        private final MessageSource source;
        private final MessageProcessor processor;
        private int pollers = 1;
        private int batchSize = 10;
        private Duration waitTime = Duration.ofSeconds(20);
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration maxExtension = Duration.ofMinutes(15);

        private Builder(MessageSource source, MessageProcessor processor) {
            this.source = Check.notNull("source", source);
            this.processor = Check.notNull("processor", processor);
        }

        /** Threads polling the queue, 1 to 100; default 1. */
        public Builder pollers(int value) {
            this.pollers = Check.between("pollers", value, 1, 100);
            return this;
        }

        /** Messages per receive, 1 to 10; default 10. */
        public Builder batchSize(int value) {
            this.batchSize = Check.between("batchSize", value, 1, 10);
            return this;
        }

        /** Long-poll wait, 0 to 20 s; default 20 s. */
        public Builder waitTime(Duration value) {
            this.waitTime = Check.between("waitTime", value, Duration.ZERO, Duration.ofSeconds(20));
            return this;
        }

        /** The queue's visibility timeout, which the heartbeat renews; 1 s to 12 h; default 30 s. */
        public Builder visibilityTimeout(Duration value) {
            this.visibilityTimeout = Check.between("visibilityTimeout", value, Duration.ofSeconds(1), Duration.ofHours(12));
            return this;
        }

        /** How long the heartbeat may keep one batch invisible in all; 0 to 12 h; default 15 min. */
        public Builder maxExtension(Duration value) {
            this.maxExtension = Check.between("maxExtension", value, Duration.ZERO, Duration.ofHours(12));
            return this;
        }

        /** Takes the visibility timeout from the queue's declaration. */
        public Builder queue(QueueSpec queue) {
            if (!queue.name().equals(source.queue())) {
                throw new InvalidConfigurationException("queue", "the source reads queue '" + source.queue()
                        + "', but the declaration is of '" + queue.name() + "'");
            }
            if (queue.visibilityTimeout().compareTo(Duration.ofSeconds(1)) >= 0) {
                visibilityTimeout(queue.visibilityTimeout());
            }
            return this;
        }

        public MessageConsumer build() {
            return new MessageConsumer(this);
        }
    }
}
