package io.msgflow.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.MessageAttribute;
import io.msgflow.internal.Json;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit of {@link Sink}: atomic batches, idempotency on the message id, refusal of
 * single records, order independence and safe concurrent writers, as the {@code Sink} Javadoc
 * states them. The kit writes only through {@link Sink#write} and observes the store only through
 * {@link #stored} and {@link #count}, so it runs the same against a database and in memory.
 *
 * <h2>Extending it</h2>
 * <pre>{@code
 * class MySinkCompatibilityTest extends SinkCompatibilityKit {
 *     protected Sink newSink() { return MySink.over(emptyStore()); }
 *     protected List<SinkRecord> stored(String type) { return readBack(type); }
 *     protected long count(String messageId) { return countRows(messageId); }
 *     protected SinkRecord refusedRecord(String id, String type) { return recordWithBodyMySinkRefuses(id, type); }
 *     protected void failNextWrite() { breakTheNextCommit(); }
 * }
 * }</pre>
 *
 * <p>The sink under test must accept the types {@value #NOTIFICATION} and {@value #CRITICAL_ALERT}
 * (the types of the workflow msgflow grew from) and store JSON bodies and plain-text bodies (as
 * the text, or as a JSON string holding it). Bodies are compared as JSON
 * values, so a store may normalise whitespace and key order (as PostgreSQL's {@code jsonb} does);
 * publication times are compared to the microsecond.
 */
public abstract class SinkCompatibilityKit {
    /** A message type the sink under test must accept. */
    protected static final String NOTIFICATION = "notification";
    /** The other message type the sink under test must accept. */
    protected static final String CRITICAL_ALERT = "critical_alert";

    private static final Instant PUBLISHED = Instant.parse("2024-05-01T12:34:56.123456Z");

    private Sink sink;
    private int sequence;

    /** A sink over an empty store that accepts {@value #NOTIFICATION} and {@value #CRITICAL_ALERT}; called before each test. */
    protected abstract Sink newSink();

    /** The records of a type as the store holds them, read back from it, in any order. */
    protected abstract List<SinkRecord> stored(String type);

    /** How many rows (entries) of the store hold this message id, over all types. */
    protected abstract long count(String messageId);

    /** A record with this id and type that the sink refuses for good, for what it holds (e.g. a body its table rejects). */
    protected abstract SinkRecord refusedRecord(String messageId, String type);

    /**
     * Makes the next {@link Sink#write} fail as a whole <em>after</em> it has reached the store
     * (for example a trigger that raises once the rows are inserted, or a failing commit); later
     * writes succeed again.
     */
    protected abstract void failNextWrite();

    @BeforeEach
    void openSink() {
        sink = newSink();
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    /** The sink of the current test. */
    protected final Sink sink() {
        return sink;
    }

    // ---------------------------------------------------------------- writing

    @Test
    @DisplayName("a batch is written: every record reported written and stored as it was")
    void writesEveryRecordOfABatch() {
        List<SinkRecord> batch = List.of(record(NOTIFICATION), record(NOTIFICATION), record(CRITICAL_ALERT));

        WriteResult result = sink.write(batch);

        assertThat(result.written()).containsExactlyInAnyOrderElementsOf(ids(batch));
        assertThat(result.duplicates()).isEmpty();
        assertThat(result.rejected()).isEmpty();
        assertStored(NOTIFICATION, batch.subList(0, 2));
        assertStored(CRITICAL_ALERT, batch.subList(2, 3));
    }

    @Test
    @DisplayName("an empty batch writes nothing and reports nothing")
    void emptyBatchWritesNothing() {
        WriteResult result = sink.write(List.of());

        assertThat(result.written()).isEmpty();
        assertThat(result.duplicates()).isEmpty();
        assertThat(result.rejected()).isEmpty();
        assertThat(stored(NOTIFICATION)).isEmpty();
        assertThat(stored(CRITICAL_ALERT)).isEmpty();
    }

    @Test
    @DisplayName("records are routed by type: each type's store holds its records only")
    void routesRecordsByType() {
        List<SinkRecord> notifications = records(NOTIFICATION, 5);
        List<SinkRecord> alerts = records(CRITICAL_ALERT, 3);
        List<SinkRecord> mixed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mixed.add(notifications.get(i));
            if (i < 3) {
                mixed.add(alerts.get(i));
            }
        }

        sink.write(mixed);

        assertStored(NOTIFICATION, notifications);
        assertStored(CRITICAL_ALERT, alerts);
    }

    @Test
    @DisplayName("a batch of 10 000 records is written in one call")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writesALargeBatch() {
        List<SinkRecord> batch = new ArrayList<>(records(NOTIFICATION, 6_000));
        batch.addAll(records(CRITICAL_ALERT, 4_000));

        WriteResult result = sink.write(batch);

        assertSameIds("written", result.written(), ids(batch));
        assertSameIds("stored notifications", ids(stored(NOTIFICATION)), ids(batch.subList(0, 6_000)));
        assertSameIds("stored alerts", ids(stored(CRITICAL_ALERT)), ids(batch.subList(6_000, 10_000)));
    }

    @Test
    @DisplayName("unicode bodies round-trip: accents, CJK, right-to-left, emoji, escapes")
    void unicodeBodiesRoundTrip() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("greeting", "Grüße, Ελληνικά, 日本語, עברית, العربية");
        payload.put("emoji", "🚨🔥 👩‍💻 🇪🇺");
        payload.put("escapes", "quote \" backslash \\ tab \t newline \n line-separator \u2028 bell \u0007");
        payload.put("combining", "e\u0301 n\u0303");
        payload.put("nested", Map.of("ключ", List.of("значение", 1, true)));
        SinkRecord record = recordWithBody(NOTIFICATION, Json.write(payload));

        assertThat(sink.write(List.of(record)).written()).containsExactly(record.messageId());

        assertStored(NOTIFICATION, List.of(record));
    }

    @Test
    @DisplayName("a 256 KiB body round-trips")
    void largeBodyRoundTrips() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 256 * 1024 - 64) {
            text.append("0123456789abcdef ü ");
        }
        SinkRecord record = recordWithBody(CRITICAL_ALERT, Json.write(Map.of("log", text.toString())));

        assertThat(sink.write(List.of(record)).written()).containsExactly(record.messageId());

        assertStored(CRITICAL_ALERT, List.of(record));
    }

    @Test
    @DisplayName("attributes of every data type round-trip")
    void attributesRoundTrip() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("source", MessageAttribute.string("monitoring · ü"));
        attributes.put("priority", MessageAttribute.number(3));
        attributes.put("ratio", MessageAttribute.of("Number.float", "0.125"));
        attributes.put("hosts", MessageAttribute.stringArray(List.of("web-1", "web-2")));
        attributes.put("checksum", MessageAttribute.binary(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}));
        attributes.put("trace", MessageAttribute.of("String.traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        SinkRecord record = new SinkRecord(nextId(), NOTIFICATION, body(), attributes, PUBLISHED);

        sink.write(List.of(record));

        assertThat(stored(NOTIFICATION)).singleElement().satisfies(s -> assertThat(s.attributes()).isEqualTo(attributes));
    }

    @Test
    @DisplayName("the publication time is stored, and a record without one is stored without one")
    void publicationTimeIsStored() {
        SinkRecord published = new SinkRecord(nextId(), NOTIFICATION, body(), Map.of(), Instant.parse("1999-12-31T23:59:59.999999Z"));
        SinkRecord unknown = new SinkRecord(nextId(), NOTIFICATION, body(), Map.of(), null);

        sink.write(List.of(published, unknown));

        assertStored(NOTIFICATION, List.of(published, unknown));
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    @DisplayName("the same batch written twice is stored once; the second write reports duplicates")
    void sameBatchTwiceIsStoredOnce() {
        List<SinkRecord> batch = List.of(record(NOTIFICATION), record(CRITICAL_ALERT), record(NOTIFICATION));
        sink.write(batch);

        WriteResult second = sink.write(batch);

        assertThat(second.written()).isEmpty();
        assertThat(second.duplicates()).containsExactlyInAnyOrderElementsOf(ids(batch));
        assertThat(second.rejected()).isEmpty();
        batch.forEach(r -> assertThat(count(r.messageId())).as("rows of %s", r.messageId()).isEqualTo(1));
    }

    @Test
    @DisplayName("a redelivered record among new ones is a duplicate; the new ones are written")
    void redeliveredRecordAmongNewOnes() {
        SinkRecord earlier = record(NOTIFICATION);
        sink.write(List.of(earlier));
        SinkRecord first = record(NOTIFICATION);
        SinkRecord last = record(CRITICAL_ALERT);

        WriteResult result = sink.write(List.of(first, earlier, last));

        assertThat(result.written()).containsExactlyInAnyOrder(first.messageId(), last.messageId());
        assertThat(result.duplicates()).containsExactly(earlier.messageId());
        assertThat(count(earlier.messageId())).isEqualTo(1);
        assertStored(NOTIFICATION, List.of(earlier, first));
    }

    @Test
    @DisplayName("an id twice in one batch is stored once")
    void duplicateIdInsideOneBatchIsStoredOnce() {
        SinkRecord twice = record(NOTIFICATION);
        SinkRecord other = record(NOTIFICATION);

        WriteResult result = sink.write(List.of(twice, other, twice));

        assertThat(result.written()).containsExactlyInAnyOrder(twice.messageId(), other.messageId());
        assertThat(result.duplicates()).isEmpty();
        assertThat(count(twice.messageId())).isEqualTo(1);
        assertStored(NOTIFICATION, List.of(twice, other));
    }

    @Test
    @DisplayName("a redelivery never overwrites: the stored record stays the first one written")
    void redeliveryDoesNotOverwrite() {
        SinkRecord original = recordWithBody(CRITICAL_ALERT, "{\"version\":1}");
        sink.write(List.of(original));
        SinkRecord changed = new SinkRecord(original.messageId(), CRITICAL_ALERT, "{\"version\":2}",
                Map.of("edited", MessageAttribute.string("yes")), PUBLISHED.plusSeconds(60));

        WriteResult result = sink.write(List.of(changed));

        assertThat(result.duplicates()).containsExactly(original.messageId());
        assertStored(CRITICAL_ALERT, List.of(original));
    }

    @Test
    @DisplayName("a body that is not JSON (plain text from a foreign publisher) is written, not refused, and keeps its text")
    void plainTextBodyIsWritten() {
        SinkRecord plain = recordWithBody(NOTIFICATION, "This is a general notification 1.");

        WriteResult result = sink.write(List.of(plain));

        assertThat(result.written()).containsExactly(plain.messageId());
        SinkRecord stored = stored(NOTIFICATION).get(0);
        assertThat(json(Json.documentOrString(stored.body()))).as("stored as the text, or as a JSON string holding it")
                .isEqualTo(json(Json.documentOrString(plain.body())));
    }

    // ---------------------------------------------------------------- refusals

    @Test
    @DisplayName("a refused record is reported by id with a reason; the rest of the batch is committed")
    void refusedRecordIsReportedAndTheRestIsWritten() {
        SinkRecord before = record(NOTIFICATION);
        SinkRecord refused = refusedRecord(nextId(), NOTIFICATION);
        SinkRecord after = record(CRITICAL_ALERT);

        WriteResult result = sink.write(List.of(before, refused, after));

        assertThat(result.rejected()).containsOnlyKeys(refused.messageId());
        assertThat(result.rejected().get(refused.messageId())).isNotBlank();
        assertThat(result.written()).containsExactlyInAnyOrder(before.messageId(), after.messageId());
        assertThat(count(refused.messageId())).isZero();
        assertStored(NOTIFICATION, List.of(before));
        assertStored(CRITICAL_ALERT, List.of(after));
    }

    @Test
    @DisplayName("several refused records in a batch of 2 000 are each found; all others are written")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void refusedRecordsInALargeBatchAreIsolated() {
        List<SinkRecord> batch = new ArrayList<>(records(NOTIFICATION, 2_000));
        Set<String> refusedIds = new HashSet<>();
        for (int position : new int[] {0, 777, 1_024, 1_999}) {
            SinkRecord refused = refusedRecord(batch.get(position).messageId(), NOTIFICATION);
            batch.set(position, refused);
            refusedIds.add(refused.messageId());
        }

        WriteResult result = sink.write(batch);

        assertThat(result.rejected()).containsOnlyKeys(refusedIds);
        assertThat(result.written()).hasSize(1_996).doesNotContainAnyElementsOf(refusedIds);
        assertThat(ids(stored(NOTIFICATION))).hasSize(1_996).doesNotContainAnyElementsOf(refusedIds);
    }

    @Test
    @DisplayName("bodies a jsonb column refuses are each refused alone: NUL, unpaired surrogates, numbers beyond numeric, "
            + "deep nesting")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bodiesJsonbRefusesAreRefusedOneByOne() {
        List<String> refusedBodies = List.of("{\"t\":\"a\\u0000b\"}", "{\"t\":\"half \\ud83d\"}", "{\"t\":\"half \uD83D\"}",
                "{\"n\":1e-100000000}", "{\"n\":1e200000}", "[".repeat(200_000) + "]".repeat(200_000));
        SinkRecord before = record(NOTIFICATION);
        SinkRecord after = record(NOTIFICATION);
        List<SinkRecord> batch = new ArrayList<>(List.of(before));
        refusedBodies.forEach(body -> batch.add(recordWithBody(NOTIFICATION, body)));
        batch.add(after);

        WriteResult result = sink.write(batch);

        assertThat(result.rejected()).containsOnlyKeys(ids(batch.subList(1, batch.size() - 1)));
        assertThat(result.written()).containsExactlyInAnyOrder(before.messageId(), after.messageId());
    }

    @Test
    @DisplayName("bodies that only look hostile are stored: numbers numeric holds, escaped pairs and controls, nesting of 500, "
            + "trailing content (stored as text)")
    void bodiesJsonbStoresAreStored() {
        List<String> bodies = List.of("{\"n\":1e1000}", "{\"n\":1e-16383}", "{\"t\":\"\\ud83d\\ude00 \\u0001\"}",
                "[".repeat(500) + "]".repeat(500), "{\"a\":1,\"a\":2}", "{\"a\":1} {\"b\":2}",
                "{\"n\":1" + "0".repeat(5_000) + "}");
        List<SinkRecord> batch = new ArrayList<>();
        bodies.forEach(body -> batch.add(recordWithBody(NOTIFICATION, body)));

        WriteResult result = sink.write(batch);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.written()).containsExactlyInAnyOrderElementsOf(ids(batch));
    }

    @Test
    @DisplayName("a refused record leaves no trace: once corrected, the same id is written")
    void correctedRecordIsWrittenAfterARefusal() {
        String id = nextId();
        assertThat(sink.write(List.of(refusedRecord(id, CRITICAL_ALERT))).rejected()).containsOnlyKeys(id);

        SinkRecord corrected = new SinkRecord(id, CRITICAL_ALERT, body(), Map.of(), PUBLISHED);
        WriteResult result = sink.write(List.of(corrected));

        assertThat(result.written()).containsExactly(id);
        assertStored(CRITICAL_ALERT, List.of(corrected));
    }

    @Test
    @DisplayName("every record of a mixed batch has exactly one outcome: written, duplicate or rejected")
    void everyRecordHasExactlyOneOutcome() {
        List<SinkRecord> earlier = records(NOTIFICATION, 2);
        sink.write(earlier);
        List<SinkRecord> fresh = records(CRITICAL_ALERT, 3);
        SinkRecord refused = refusedRecord(nextId(), NOTIFICATION);
        List<SinkRecord> batch = new ArrayList<>(fresh);
        batch.addAll(earlier);
        batch.add(refused);
        batch.add(fresh.get(0));

        WriteResult result = sink.write(batch);

        assertThat(result.written()).containsExactlyInAnyOrderElementsOf(ids(fresh));
        assertThat(result.duplicates()).containsExactlyInAnyOrderElementsOf(ids(earlier));
        assertThat(result.rejected()).containsOnlyKeys(refused.messageId());
    }

    // ---------------------------------------------------------------- order

    @Test
    @DisplayName("the outcome does not depend on the order of the batch")
    void outcomeDoesNotDependOnOrder() {
        for (int seed = 1; seed <= 5; seed++) {
            List<SinkRecord> earlier = List.of(record(NOTIFICATION), record(CRITICAL_ALERT));
            sink.write(earlier);
            List<SinkRecord> fresh = List.of(record(NOTIFICATION), record(CRITICAL_ALERT), record(NOTIFICATION));
            SinkRecord refused = refusedRecord(nextId(), CRITICAL_ALERT);
            List<SinkRecord> batch = new ArrayList<>(fresh);
            batch.addAll(earlier);
            batch.add(refused);
            Collections.shuffle(batch, new Random(seed));

            WriteResult result = sink.write(batch);

            assertThat(result.written()).as("written, order %s", ids(batch)).containsExactlyInAnyOrderElementsOf(ids(fresh));
            assertThat(result.duplicates()).as("duplicates, order %s", ids(batch)).containsExactlyInAnyOrderElementsOf(ids(earlier));
            assertThat(result.rejected()).as("rejected, order %s", ids(batch)).containsOnlyKeys(refused.messageId());
        }
    }

    @Test
    @DisplayName("a batch and its reverse store the same records")
    void reversedBatchIsAllDuplicates() {
        List<SinkRecord> batch = new ArrayList<>(records(NOTIFICATION, 20));
        batch.addAll(records(CRITICAL_ALERT, 20));
        Collections.shuffle(batch, new Random(7));
        sink.write(batch);
        List<SinkRecord> reversed = new ArrayList<>(batch);
        Collections.reverse(reversed);

        WriteResult result = sink.write(reversed);

        assertThat(result.duplicates()).containsExactlyInAnyOrderElementsOf(ids(batch));
        assertStored(NOTIFICATION, batch.stream().filter(r -> r.type().equals(NOTIFICATION)).collect(Collectors.toList()));
        assertStored(CRITICAL_ALERT, batch.stream().filter(r -> r.type().equals(CRITICAL_ALERT)).collect(Collectors.toList()));
    }

    // ---------------------------------------------------------------- atomicity

    @Test
    @DisplayName("a batch that fails as a whole leaves nothing behind, in any type's store")
    void failedBatchLeavesNothing() {
        List<SinkRecord> batch = new ArrayList<>(records(NOTIFICATION, 10));
        batch.addAll(records(CRITICAL_ALERT, 10));
        failNextWrite();

        SinkException failure = catchThrowableOfType(SinkException.class, () -> sink.write(batch));

        assertThat(failure).as("the write must throw SinkException").isNotNull();
        assertThat(failure.messageIds()).containsExactlyInAnyOrderElementsOf(ids(batch));
        batch.forEach(r -> assertThat(count(r.messageId())).as("rows of %s", r.messageId()).isZero());
        assertThat(stored(NOTIFICATION)).isEmpty();
        assertThat(stored(CRITICAL_ALERT)).isEmpty();
    }

    @Test
    @DisplayName("the retry of a failed batch writes each record once")
    void retryAfterAFailureWritesEachRecordOnce() {
        List<SinkRecord> batch = new ArrayList<>(records(NOTIFICATION, 10));
        batch.addAll(records(CRITICAL_ALERT, 10));
        failNextWrite();
        catchThrowableOfType(SinkException.class, () -> sink.write(batch));

        WriteResult retry = sink.write(batch);

        assertThat(retry.written()).containsExactlyInAnyOrderElementsOf(ids(batch));
        batch.forEach(r -> assertThat(count(r.messageId())).as("rows of %s", r.messageId()).isEqualTo(1));
    }

    @Test
    @DisplayName("a failed batch keeps what earlier batches wrote, and its retry adds only the new records")
    void failureAfterEarlierWritesKeepsThemAndRetryAddsOnlyNewOnes() {
        List<SinkRecord> earlier = records(NOTIFICATION, 5);
        sink.write(earlier);
        List<SinkRecord> fresh = records(CRITICAL_ALERT, 5);
        List<SinkRecord> batch = new ArrayList<>(earlier);
        batch.addAll(fresh);
        failNextWrite();

        assertThat(catchThrowableOfType(SinkException.class, () -> sink.write(batch))).isNotNull();
        earlier.forEach(r -> assertThat(count(r.messageId())).isEqualTo(1));
        fresh.forEach(r -> assertThat(count(r.messageId())).isZero());

        WriteResult retry = sink.write(batch);
        assertThat(retry.written()).containsExactlyInAnyOrderElementsOf(ids(fresh));
        assertThat(retry.duplicates()).containsExactlyInAnyOrderElementsOf(ids(earlier));
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    @DisplayName("concurrent writers of overlapping batches write each id exactly once")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentWritersWriteEachIdOnce() throws Exception {
        List<SinkRecord> pool = new ArrayList<>(records(NOTIFICATION, 150));
        pool.addAll(records(CRITICAL_ALERT, 150));
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<WriteResult>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                futures.add(executor.submit(writer(pool, new Random(w), start)));
            }
            start.countDown();
            List<WriteResult> results = new ArrayList<>();
            for (Future<List<WriteResult>> f : futures) {
                results.addAll(f.get(100, TimeUnit.SECONDS));
            }

            List<String> writtenIds = results.stream().flatMap(r -> r.written().stream()).collect(Collectors.toList());
            assertThat(writtenIds).as("ids reported written, over all writers").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids(pool));
            pool.forEach(r -> assertThat(count(r.messageId())).as("rows of %s", r.messageId()).isEqualTo(1));
        } finally {
            executor.shutdownNow();
        }
    }

    private Callable<List<WriteResult>> writer(List<SinkRecord> pool, Random random, CountDownLatch start) {
        return () -> {
            start.await();
            List<WriteResult> results = new ArrayList<>();
            for (int batch = 0; batch < 10; batch++) {
                List<SinkRecord> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, random);
                WriteResult result = sink.write(shuffled.subList(0, 60));
                assertThat(result.rejected()).isEmpty();
                results.add(result);
            }
            results.add(sink.write(pool));
            return results;
        };
    }

    // ---------------------------------------------------------------- helpers

    /** A fresh message id, unique within the test run. */
    protected final String nextId() {
        return "kit-" + (++sequence) + "-" + UUID.randomUUID();
    }

    /** A valid record of the type with a fresh id, a JSON body, an attribute and a publication time. */
    protected final SinkRecord record(String type) {
        return new SinkRecord(nextId(), type, body(), Map.of("source", MessageAttribute.string("kit")), PUBLISHED);
    }

    private SinkRecord recordWithBody(String type, String body) {
        return new SinkRecord(nextId(), type, body, Map.of(), PUBLISHED);
    }

    private List<SinkRecord> records(String type, int n) {
        return IntStream.range(0, n).mapToObj(i -> record(type)).collect(Collectors.toList());
    }

    private String body() {
        return "{\"message\":\"disk usage at " + (sequence % 100) + "%\",\"host\":\"web-" + sequence + "\",\"ok\":false}";
    }

    private static List<String> ids(List<SinkRecord> records) {
        return records.stream().map(SinkRecord::messageId).collect(Collectors.toList());
    }

    /** The store of {@code type} holds exactly {@code expected}: same ids, JSON-equal bodies, attributes, publication times. */
    protected final void assertStored(String type, List<SinkRecord> expected) {
        List<SinkRecord> actual = stored(type);
        assertSameIds("ids stored for type " + type, ids(actual), ids(expected));
        Map<String, SinkRecord> byId = actual.stream().collect(Collectors.toMap(SinkRecord::messageId, r -> r));
        for (SinkRecord e : expected) {
            SinkRecord a = byId.get(e.messageId());
            assertThat(a.type()).as("type of %s", e.messageId()).isEqualTo(e.type());
            assertThat(json(a.body())).as("body of %s", e.messageId()).isEqualTo(json(e.body()));
            assertThat(a.attributes()).as("attributes of %s", e.messageId()).isEqualTo(e.attributes());
            assertThat(a.publishedAt()).as("publication time of %s", e.messageId()).isEqualTo(e.publishedAt());
        }
    }

    /** Same ids, each once: set equality plus equal sizes, linear even for 10 000 ids. */
    private static void assertSameIds(String what, Collection<String> actual, Collection<String> expected) {
        assertThat(actual).as("%s: count", what).hasSameSizeAs(expected);
        assertThat(new HashSet<>(actual)).as(what).isEqualTo(new HashSet<>(expected));
    }

    private static JsonNode json(String text) {
        JsonNode node = Json.tryParse(text);
        assertThat(node).as("stored body is JSON: %s", text).isNotNull();
        return node;
    }
}
