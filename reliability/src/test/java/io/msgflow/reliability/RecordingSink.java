package io.msgflow.reliability;

import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the sink under test: counts what each write reported (new rows per id, duplicates) and
 * the writes that failed as a whole, and simulates a crash of the process just before or just
 * after the sink's commit for as many writes as asked. Thread-safe.
 */
final class RecordingSink implements Sink {
    private final Sink delegate;
    private final Map<String, Integer> writtenReports = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger crashesBeforeCommit = new AtomicInteger();
    private final AtomicInteger crashesAfterCommit = new AtomicInteger();

    RecordingSink(Sink delegate) {
        this.delegate = delegate;
    }

    @Override
    public WriteResult write(List<SinkRecord> records) {
        if (take(crashesBeforeCommit)) {
            throw new SimulatedCrash("before the sink's commit of a batch of " + records.size());
        }
        WriteResult result;
        try {
            result = delegate.write(records);
        } catch (SinkException e) {
            failures.incrementAndGet();
            throw e;
        }
        result.written().forEach(id -> writtenReports.merge(id, 1, Integer::sum));
        duplicates.addAndGet(result.duplicates().size());
        if (take(crashesAfterCommit)) {
            throw new SimulatedCrash("after the sink's commit of a batch of " + records.size());
        }
        return result;
    }

    private static boolean take(AtomicInteger budget) {
        return budget.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** The next {@code writes} writes crash before reaching the sink: nothing is committed. */
    void crashBeforeCommit(int writes) {
        crashesBeforeCommit.set(writes);
    }

    /** The next {@code writes} writes commit, then crash before the runtime learns the outcome. */
    void crashAfterCommit(int writes) {
        crashesAfterCommit.set(writes);
    }

    /** How many times each id was reported as a new row. */
    Map<String, Integer> writtenReports() {
        return Map.copyOf(writtenReports);
    }

    /** Records reported as already in the sink: redeliveries the sink absorbed. */
    int duplicates() {
        return duplicates.get();
    }

    /** Writes that failed as a whole ({@link SinkException}). */
    int failures() {
        return failures.get();
    }
}
