package io.msgflow.inmemory;

import io.msgflow.processing.ConsumerScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link ConsumerScheduler} on a {@link TestClock}: a task runs when the clock is moved to or
 * past its time, on the thread that moves it, before {@link TestClock#advance} returns, in the
 * order of their times. So a consumer built with it runs its heartbeats and backoffs on virtual
 * time, and a test that advances the clock knows they ran. A task with no delay runs at once on
 * the scheduling thread. Thread-safe; a task never runs while the scheduler's lock is held.
 *
 * <pre>{@code
 * TestClock clock = TestClock.create();
 * MessageConsumer consumer = MessageConsumer.builder(source, processor)
 *     .clock(clock).scheduler(TestScheduler.on(clock)).build();
 * }</pre>
 */
public final class TestScheduler implements ConsumerScheduler, AutoCloseable {
    private final TestClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final Runnable unsubscribe;
    private long sequence;

    private TestScheduler(TestClock clock) {
        this.clock = clock;
        this.unsubscribe = clock.onMove(this::runDue);
    }

    public static TestScheduler on(TestClock clock) {
        return new TestScheduler(clock);
    }

    private final class Task implements Comparable<Task>, Scheduled {
        final Instant due;
        final long order;
        final Runnable action;

        Task(Instant due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (TestScheduler.this) {
                tasks.remove(this);
            }
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        if (delay.isZero() || delay.isNegative()) {
            task.run();
            return () -> { };
        }
        synchronized (this) {
            Task t = new Task(clock.instant().plus(delay), sequence++, task);
            tasks.add(t);
            return t;
        }
    }

    /** Tasks waiting for their time. */
    public synchronized int pending() {
        return tasks.size();
    }

    private void runDue() {
        while (true) {
            List<Task> due = new ArrayList<>();
            synchronized (this) {
                Instant now = clock.instant();
                while (!tasks.isEmpty() && !tasks.peek().due.isAfter(now)) {
                    due.add(tasks.poll());
                }
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(t -> t.action.run());
        }
    }

    /** Stops following the clock; pending tasks never run. */
    @Override
    public void close() {
        unsubscribe.run();
        synchronized (this) {
            tasks.clear();
        }
    }
}
