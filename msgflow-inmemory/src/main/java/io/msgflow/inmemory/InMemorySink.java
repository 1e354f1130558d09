package io.msgflow.inmemory;

import io.msgflow.inmemory.internal.JsonbRules;
import io.msgflow.internal.Check;
import io.msgflow.internal.Json;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Sink} in memory, for unit tests of code that writes to a sink: it keeps the contract
 * of the PostgreSQL sink without a database.
 *
 * <p><b>Atomicity:</b> a batch is applied under one lock, all or nothing. <b>Idempotency:</b> on
 * the message id over all types: an id already held is reported as a duplicate and the held
 * record is kept; within a batch the first record of an id is kept. <b>Refusals:</b> like the
 * {@code jsonb} body of the PostgreSQL sink's standard table, which stores a body that is not
 * JSON as a JSON string, what {@code jsonb} refuses is rejected with the reason and the rest of
 * the batch is written: U+0000 and unpaired surrogates (raw or escaped), a number beyond
 * {@code numeric}, nesting deeper than 10 000 levels; any other body, JSON or not, is kept as it
 * came. <b>Failures:</b>
 * {@link #failNextWrites(int)} makes writes throw {@link SinkException} as a lost database would,
 * to test retries. <b>Order:</b> {@link #rows()} lists records in the order they were first
 * written: batch after batch, and within a batch in the batch's order. <b>Threading:</b> thread-safe.
 *
 * <pre>{@code
 * InMemorySink sink = new InMemorySink();
 * MessageProcessor processor = MessageProcessor.builder(codec).sink(sink).on(CriticalAlert.class, MessageHandler.store()).build();
 * processor.processAndSettle(source.receive(10, Duration.ZERO), source);
 * assertThat(sink.rows("critical_alert")).hasSize(2);
 * }</pre>
 */
public final class InMemorySink implements Sink {
    private final Object lock = new Object();
    private final Map<String, SinkRecord> records = new LinkedHashMap<>();
    private int failingWrites;

    @Override
    public WriteResult write(List<SinkRecord> batch) {
        Map<String, SinkRecord> accepted = new LinkedHashMap<>();
        Map<String, String> rejected = new HashMap<>();
        for (SinkRecord record : batch) {
            if (accepted.containsKey(record.messageId()) || rejected.containsKey(record.messageId())) {
                continue;
            }
            String refusal = refusal(record.body());
            if (refusal != null) {
                rejected.put(record.messageId(), refusal);
            } else {
                accepted.put(record.messageId(), record);
            }
        }
        synchronized (lock) {
            Set<String> written = new LinkedHashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            accepted.keySet().forEach(id -> (records.containsKey(id) ? duplicates : written).add(id));
            if (failingWrites > 0) {
                failingWrites--;
                throw new SinkException("in-memory sink: write failed as asked by failNextWrites; nothing of the batch of "
                        + batch.size() + " records was kept", batch.stream().map(SinkRecord::messageId).distinct().collect(Collectors.toList()), null);
            }
            written.forEach(id -> records.put(id, accepted.get(id)));
            return new WriteResult(written, duplicates, rejected);
        }
    }

    private static String refusal(String body) {
        return JsonbRules.refusal(Json.documentOrString(body));
    }

    /** The records of a type, in the order they were first written. */
    public List<SinkRecord> rows(String type) {
        synchronized (lock) {
            return records.values().stream().filter(r -> r.type().equals(type)).collect(Collectors.toList());
        }
    }

    /** All records, in the order they were first written. */
    public List<SinkRecord> rows() {
        synchronized (lock) {
            return new ArrayList<>(records.values());
        }
    }

    public boolean contains(String messageId) {
        synchronized (lock) {
            return records.containsKey(messageId);
        }
    }

    /** Number of records held, over all types. */
    public int count() {
        synchronized (lock) {
            return records.size();
        }
    }

    /** Makes the next {@code writes} writes throw {@link SinkException} and keep nothing; 0 to 1000. */
    public void failNextWrites(int writes) {
        Check.between("writes", writes, 0, 1000);
        synchronized (lock) {
            failingWrites = writes;
        }
    }

    /** Forgets every record. */
    public void clear() {
        synchronized (lock) {
            records.clear();
        }
    }

    @Override
    public String toString() {
        return "InMemorySink{records=" + count() + "}";
    }
}
