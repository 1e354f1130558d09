package io.msgflow.aws.internal;

import io.msgflow.transport.ReceivedMessage;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes a long poll interruptible. The SDK's synchronous HTTP clients block in a socket read that
 * ignores interrupts, so {@code stop()} of a consumer would wait out a 20 s long poll. A long poll
 * runs here on a pool thread while the caller waits interruptibly; when the caller is interrupted
 * it returns nothing at once (the interrupt flag set again), and the messages the abandoned poll
 * still receives are handed back (visibility 0), so none waits for its visibility timeout. Pool
 * threads are daemons that end after 1 s idle: a stopped consumer leaves none behind for long.
 */
final class LongPolls {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "msgflow-sqs-long-poll-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private LongPolls() {
    }

    /** Runs {@code poll}; an interrupt of the caller abandons it and {@code handBack} gets what it still received. */
    static List<ReceivedMessage> run(Supplier<List<ReceivedMessage>> poll, Consumer<List<ReceivedMessage>> handBack) {
        Poll task = new Poll(poll, handBack);
        Future<List<ReceivedMessage>> future = POOL.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return task.abandon();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static final class Poll implements Callable<List<ReceivedMessage>> {
        private final Supplier<List<ReceivedMessage>> poll;
        private final Consumer<List<ReceivedMessage>> handBack;
        private List<ReceivedMessage> result;
        private boolean abandoned;

        Poll(Supplier<List<ReceivedMessage>> poll, Consumer<List<ReceivedMessage>> handBack) {
            this.poll = poll;
            this.handBack = handBack;
        }

        @Override
        public List<ReceivedMessage> call() {
            List<ReceivedMessage> received = poll.get();
            synchronized (this) {
                if (!abandoned) {
                    result = received;
                    return received;
                }
            }
            if (!received.isEmpty()) {
                handBack.accept(received);
            }
            return List.of();
        }

        /** What the poll received if it is already done, else nothing (and its result goes back to the queue). */
        synchronized List<ReceivedMessage> abandon() {
            if (result != null) {
                return result;
            }
            abandoned = true;
            return List.of();
        }
    }
}
