package io.msgflow.processing;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.processing.ConsumerRun;
import io.msgflow.internal.processing.Settlement;
import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.MessageSource;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-polling consumer of one queue: pollers each receive a batch, process it with the
 * {@link MessageProcessor} and settle it through the settlement engine, then poll again.
 *
 * <pre>{@code
 * MessageConsumer consumer = MessageConsumer.builder(transport.source(topology, "notifications"), processor)
 *     .queue(topology.requireQueue("notifications"))
 *     .build();
 * consumer.start();
 * ...
 * consumer.stop(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p><b>Concurrency:</b> adaptive. It starts {@code pollers} pollers (default 1); a poller whose
 * receive came back full starts another, up to {@code maxPollers} (default 10), and a poller whose
 * receive came back empty ends, down to {@code pollers}. At most {@code maxPollers × batchSize}
 * messages are in flight; a poller receives only when it has settled its previous batch.
 * <b>Heartbeat:</b> while a batch is processed its visibility is set to the visibility timeout
 * again every half visibility timeout, up to {@code maxExtension} since receipt; the heartbeat is
 * fenced: none runs once settlement of the batch began. <b>Supervision:</b> a poller that fails
 * (a receive error, an {@link Error} outside any message) is logged at ERROR, reported to the
 * listener ({@link ProcessingListener#pollerFailed}) and the {@link ErrorHandler}, and restarted
 * after a backoff doubling from {@code restartBackoff} to 1 min; a handler's failure, whatever it
 * throws, is only that message's outcome. With {@code waitTime(0)} an empty receive is followed by
 * a pause of {@code emptyReceiveBackoff}, so an empty queue is not polled in a busy loop.
 * <b>Stop:</b> {@link #stop(Duration)} stops polling, aborts the receives under way (no long poll
 * is waited out), lets started batches finish and settle, hands back (visibility 0) batches
 * received but not started, then shuts the pollers and the scheduler, in that order: done within
 * 1 s plus the time of the handlers under way. A stopped consumer can be started again; no thread
 * survives a stop. <b>Time:</b> heartbeats, backoffs and outcome times follow the injected
 * {@link Clock} and {@link ConsumerScheduler}, so a test runs the consumer on virtual time.
 * <b>Threading:</b> start and stop are thread-safe; handlers run on the poller threads.
 */
public final class MessageConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageConsumer.class);

    private final ConsumerRun.Config config;
    private final Object lock = new Object();
    private ConsumerRun run;

    /** The consumer's settings. */
    public record Settings(int pollers, int maxPollers, int batchSize, Duration waitTime, Duration visibilityTimeout,
                           Duration maxExtension, Duration emptyReceiveBackoff, Duration restartBackoff) {
    }

    private MessageConsumer(Builder b) {
        Settlement settlement = Settlement.of(b.processor, b.source, Settlement.Mode.SETTLE_ALL);
        this.config = new ConsumerRun.Config(b.source, b.processor, settlement, b.errorHandler, b.pollers,
                Math.max(b.pollers, b.maxPollers), b.batchSize, b.waitTime, b.visibilityTimeout, b.maxExtension,
                b.emptyReceiveBackoff, b.restartBackoff, Duration.ofMinutes(1), b.clock, b.scheduler);
    }

    public static Builder builder(MessageSource source, MessageProcessor processor) {
        return new Builder(source, processor);
    }

    public Settings settings() {
        return new Settings(config.minPollers(), config.maxPollers(), config.batchSize(), config.waitTime(),
                config.visibilityTimeout(), config.maxExtension(), config.emptyReceiveBackoff(), config.restartBackoff());
    }

    /** Starts polling; does nothing if already running. */
    public void start() {
        synchronized (lock) {
            if (run != null) {
                return;
            }
            run = new ConsumerRun(config);
            run.start();
        }
    }

    /** Whether the consumer was started and not stopped. A failed poller is restarting, not stopped: still running. */
    public boolean isRunning() {
        synchronized (lock) {
            return run != null;
        }
    }

    /** Pollers alive now (polling, processing or waiting for a backoff); 0 when stopped. */
    public int activePollers() {
        synchronized (lock) {
            return run == null ? 0 : run.activePollers();
        }
    }

    /**
     * Stops (see the class contract) and waits up to {@code timeout} for the batches in flight to
     * finish; handlers still running after it are interrupted.
     *
     * @return whether every poller finished within the timeout
     */
    public boolean stop(Duration timeout) {
        Check.notNull("timeout", timeout);
        synchronized (lock) {
            if (run == null) {
                return true;
            }
            try {
                return run.stop(timeout);
            } finally {
                run = null;
            }
        }
    }

    /** Stops with a timeout of the visibility timeout. */
    @Override
    public void close() {
        stop(config.visibilityTimeout());
    }

    /** Builds a {@link MessageConsumer}. */
    public static final class Builder {
        private final MessageSource source;
        private final MessageProcessor processor;
        private int pollers = 1;
        private int maxPollers = 10;
        private int batchSize = 10;
        private Duration waitTime = Duration.ofSeconds(20);
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private Duration maxExtension = Duration.ofMinutes(15);
        private Duration emptyReceiveBackoff = Duration.ofSeconds(1);
        private Duration restartBackoff = Duration.ofSeconds(1);
        private ErrorHandler errorHandler = new ErrorHandler() {
        };
        private Clock clock;
        private ConsumerScheduler scheduler;

        private Builder(MessageSource source, MessageProcessor processor) {
            this.source = Check.notNull("source", source);
            this.processor = Check.notNull("processor", processor);
            source.declaration().ifPresent(q -> {
                if (q.visibilityTimeout().compareTo(Duration.ofSeconds(1)) >= 0) {
                    visibilityTimeout = q.visibilityTimeout();
                }
            });
        }

        /** Pollers at start and at least while running, 1 to 100; default 1. */
        public Builder pollers(int value) {
            this.pollers = Check.between("pollers", value, 1, 100);
            return this;
        }

        /** Most pollers while receives come back full, 1 to 100 (raised to {@code pollers} if lower); default 10. */
        public Builder maxPollers(int value) {
            this.maxPollers = Check.between("maxPollers", value, 1, 100);
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

        /** The queue's visibility timeout, which the heartbeat renews; 1 s to 12 h; default the source's declaration, else 30 s. */
        public Builder visibilityTimeout(Duration value) {
            this.visibilityTimeout = Check.between("visibilityTimeout", value, Duration.ofSeconds(1), Duration.ofHours(12));
            return this;
        }

        /** How long the heartbeat may keep one batch invisible in all; 0 to 12 h; default 15 min. */
        public Builder maxExtension(Duration value) {
            this.maxExtension = Check.between("maxExtension", value, Duration.ZERO, Duration.ofHours(12));
            return this;
        }

        /** Pause after an empty receive when {@code waitTime} is 0; 10 ms to 1 min; default 1 s. */
        public Builder emptyReceiveBackoff(Duration value) {
            this.emptyReceiveBackoff = Check.between("emptyReceiveBackoff", value, Duration.ofMillis(10), Duration.ofMinutes(1));
            return this;
        }

        /** First pause before a failed poller restarts (doubling per consecutive failure, at most 1 min); 10 ms to 1 min; default 1 s. */
        public Builder restartBackoff(Duration value) {
            this.restartBackoff = Check.between("restartBackoff", value, Duration.ofMillis(10), Duration.ofMinutes(1));
            return this;
        }

        /** The application's failure callback; default none. */
        public Builder errorHandler(ErrorHandler value) {
            this.errorHandler = Check.notNull("errorHandler", value);
            return this;
        }

        /** The clock heartbeats are capped on; default the processor's clock. */
        public Builder clock(Clock value) {
            this.clock = Check.notNull("clock", value);
            return this;
        }

        /** The scheduler of heartbeats and backoffs; default one daemon thread per start, on the system clock. */
        public Builder scheduler(ConsumerScheduler value) {
            this.scheduler = Check.notNull("scheduler", value);
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

        /**
         * Builds the consumer. Logs a WARN when the retry policy allows more attempts than the
         * queue's {@code maxReceiveCount}: the processor then dead-letters on the queue's last receive.
         *
         * @throws InvalidConfigurationException when the processor requires a dead-letter queue
         *         ({@link MissingDeadLetterQueue#FAIL_AT_START}) and the queue has none
         */
        public MessageConsumer build() {
            if (clock == null) {
                clock = processor.clock();
            }
            source.declaration().flatMap(QueueSpec::redrive).ifPresent(r -> {
                if (processor.retryPolicy().maxAttempts() > r.maxReceiveCount()) {
                    LOG.warn("queue '{}': the retry policy allows {} attempts, but the queue's maxReceiveCount is {}; a message is"
                            + " dead-lettered with its reason on receive {}", source.queue(), processor.retryPolicy().maxAttempts(),
                            r.maxReceiveCount(), r.maxReceiveCount());
                }
            });
            return new MessageConsumer(this);
        }
    }
}
