package io.msgflow.internal.processing;

import io.msgflow.processing.BatchResult;
import io.msgflow.processing.ErrorHandler;
import io.msgflow.processing.MessageOutcome;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller of a consumer run: receive, process with a fenced heartbeat, settle, repeat. It is
 * supervised: anything it throws (a failed receive, an {@link Error}) is logged, reported to the
 * listener and the error handler, and the poller resumes after a backoff that doubles with each
 * consecutive failure; a poller never dies silently.
 */
final class PollLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private enum Next { POLL, BACK_OFF, END }

    private final ConsumerRun run;
    private final ConsumerRun.Config config;
    private Thread receiving;
    private int consecutiveFailures;

    PollLoop(ConsumerRun run) {
        this.run = run;
        this.config = run.config();
    }

    @Override
    public void run() {
        try {
            while (run.isPolling()) {
                Next next = cycle();
                consecutiveFailures = 0;
                if (next == Next.END) {
                    return;
                }
                if (next == Next.BACK_OFF) {
                    run.resumeAfter(this, config.emptyReceiveBackoff());
                    return;
                }
            }
            run.ended(this);
        } catch (Throwable e) { // supervised: whatever escapes a cycle restarts the poller after a backoff
            failed(e);
        } finally {
            Thread.interrupted();
        }
    }

    private Next cycle() {
        List<ReceivedMessage> batch = receive();
        if (!run.isPolling()) {
            if (!batch.isEmpty()) {
                run.config().settlement().handBack(batch, "the consumer is stopping; not processed");
            }
            run.ended(this);
            return Next.END;
        }
        if (batch.isEmpty()) {
            if (run.scaleDown(this)) {
                return Next.END;
            }
            return config.waitTime().isZero() ? Next.BACK_OFF : Next.POLL;
        }
        if (batch.size() >= config.batchSize()) {
            run.scaleUp();
        }
        process(batch);
        return Next.POLL;
    }

    private List<ReceivedMessage> receive() {
        synchronized (this) {
            if (!run.isPolling()) {
                return List.of();
            }
            receiving = Thread.currentThread();
        }
        try {
            return config.source().receive(config.batchSize(), config.waitTime());
        } catch (RuntimeException e) {
            if (!run.isPolling()) {
                return List.of();
            }
            throw e;
        } finally {
            synchronized (this) {
                receiving = null;
                Thread.interrupted();
            }
        }
    }

    /** Interrupts the receive under way, if any: stop() does not wait out a long poll. */
    synchronized void abortReceive() {
        if (receiving != null) {
            receiving.interrupt();
        }
    }

    private void process(List<ReceivedMessage> batch) {
        Heartbeat heartbeat = new Heartbeat(batch, config.source(), run.scheduler(), config.clock(), config.visibilityTimeout(),
                config.maxExtension());
        heartbeat.start();
        BatchResult decided;
        try {
            decided = config.processor().process(batch, config.source().declaration());
        } finally {
            heartbeat.fence();
        }
        BatchResult settled = config.settlement().settle(decided);
        reportFailures(settled);
    }

    private void reportFailures(BatchResult settled) {
        ErrorHandler handler = config.errorHandler();
        for (MessageOutcome o : settled.outcomes()) {
            if (o.kind() != MessageOutcome.Kind.ACKNOWLEDGED && o.kind() != MessageOutcome.Kind.HANDED_BACK) {
                try {
                    handler.messageFailed(o);
                } catch (RuntimeException e) {
                    LOG.warn("queue '{}': the error handler threw; ignored", config.source().queue(), e);
                }
            }
        }
    }

    private void failed(Throwable e) {
        consecutiveFailures++;
        Duration backoff = backoff();
        String queue = config.source().queue();
        LOG.error("queue '{}': a poller failed ({}); it restarts in {} ms", queue, e, backoff.toMillis(), e);
        config.processor().listener().pollerFailed(queue, e, backoff);
        try {
            config.errorHandler().pollerFailed(queue, e, backoff);
        } catch (RuntimeException handlerFailure) {
            LOG.warn("queue '{}': the error handler threw; ignored", queue, handlerFailure);
        }
        run.resumeAfter(this, backoff);
    }

    private Duration backoff() {
        Duration d = config.restartBackoff().multipliedBy(1L << Math.min(20, consecutiveFailures - 1));
        return d.compareTo(config.maxRestartBackoff()) > 0 ? config.maxRestartBackoff() : d;
    }
}
