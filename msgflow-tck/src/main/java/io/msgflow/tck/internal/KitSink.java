package io.msgflow.tck.internal;

import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink for the consumer kit: idempotent on message id, counting writes; fails or refuses on demand. */
public final class KitSink implements Sink {
    private final Map<String, SinkRecord> rows = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String refusedBody;

    @Override
    public synchronized WriteResult write(List<SinkRecord> records) {
        writes.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("sink unavailable");
        }
        Set<String> written = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        Map<String, String> rejected = new HashMap<>();
        for (SinkRecord r : records) {
            if (refusedBody != null && r.body().contains(refusedBody)) {
                rejected.put(r.messageId(), "value too long for column");
            } else if (rows.putIfAbsent(r.messageId(), r) == null) {
                written.add(r.messageId());
            } else {
                duplicates.add(r.messageId());
            }
        }
        return new WriteResult(written, duplicates, rejected);
    }

    public int count() {
        return rows.size();
    }

    public Map<String, SinkRecord> rows() {
        return Map.copyOf(rows);
    }

    public int writes() {
        return writes.get();
    }

    /** The next {@code n} writes throw. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Records whose body contains {@code text} are refused. */
    public void refuseBodiesContaining(String text) {
        refusedBody = text;
    }
}
