package io.msgflow.stepfunctions.internal;

import io.msgflow.stepfunctions.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Where a run of states may be stopped: the execution, a Parallel branch, a Map iteration. Stopping a scope stops its children. */
final class Scope implements Waiter.Stop {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Scope> children = new CopyOnWriteArrayList<>();
    private final Scope parent;

    Scope() {
        this(null);
    }

    private Scope(Scope parent) {
        this.parent = parent;
    }

    /** Forgets this scope in its parent once its states are done. */
    void close() {
        if (parent != null) {
            parent.children.remove(this);
        }
    }

    Scope child() {
        Scope child = new Scope(this);
        children.add(child);
        if (isStopped()) {
            child.stop();
        }
        return child;
    }

    void stop() {
        if (stopped.getCount() > 0) {
            stopped.countDown();
            children.forEach(Scope::stop);
        }
    }

    @Override
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    @Override
    public boolean awaitStop(Duration max) throws InterruptedException {
        return stopped.await(Math.max(1, max.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Thrown in a scope that was stopped: its states end without an outcome of their own. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }
}
