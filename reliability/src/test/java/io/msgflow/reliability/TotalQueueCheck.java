package io.msgflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The closing check of every scenario, over everything the run left behind: every published
 * message id is exactly once in the sink, or exactly once in the dead-letter queue with a reason
 * (and those expected there with the expected reason); none lost, none duplicated, none
 * unexpected, nothing left on the work queue, and no id reported as a new row twice.
 */
final class TotalQueueCheck {
    private static final int SHOWN = 10;

    /** One message found on the dead-letter queue, with its recorded reason (null when none). */
    record DeadLetterEntry(String id, String reason) {
    }

    private final Set<String> published;
    private Map<String, Long> sinkRows = Map.of();
    private Map<String, Integer> writtenReports = Map.of();
    private List<DeadLetterEntry> deadLetters = List.of();
    private Map<String, String> expectedDead = Map.of();
    private int leftOnQueue;
    private final List<String> problems = new ArrayList<>();

    private TotalQueueCheck(Set<String> published) {
        this.published = published;
    }

    /** A check of the given published ids; an id published twice counts once. */
    static TotalQueueCheck of(List<String> publishedIds) {
        return new TotalQueueCheck(new LinkedHashSet<>(publishedIds));
    }

    /** Rows per message id, read from the sink's own store. */
    TotalQueueCheck sinkRows(Map<String, Long> value) {
        this.sinkRows = value;
        return this;
    }

    /** How many writes reported each id as a new row. */
    TotalQueueCheck writtenReports(Map<String, Integer> value) {
        this.writtenReports = value;
        return this;
    }

    TotalQueueCheck deadLetters(List<DeadLetterEntry> value) {
        this.deadLetters = value;
        return this;
    }

    /** Ids expected on the dead-letter queue, each with a fragment its reason must contain. */
    TotalQueueCheck expectDeadLettered(Map<String, String> reasonFragments) {
        this.expectedDead = reasonFragments;
        return this;
    }

    /** Messages still on the work queue in any state. */
    TotalQueueCheck leftOnQueue(int value) {
        this.leftOnQueue = value;
        return this;
    }

    void verify() {
        Map<String, List<DeadLetterEntry>> deadById = deadLetters.stream()
                .collect(Collectors.groupingBy(DeadLetterEntry::id, TreeMap::new, Collectors.toList()));
        checkEachPublishedId(deadById);
        report("in the sink but never published", ids(sinkRows.keySet(), id -> !published.contains(id)));
        report("on the dead-letter queue but never published", ids(deadById.keySet(), id -> !published.contains(id)));
        report("reported as a new row by more than one write", ids(writtenReports.keySet(), id -> writtenReports.get(id) > 1));
        if (leftOnQueue != 0) {
            problems.add(leftOnQueue + " message(s) still on the work queue");
        }
        long inSink = published.stream().filter(sinkRows::containsKey).count();
        assertThat(problems)
                .as("total-queue check of %d published ids: %d in the sink, %d dead-letter entries", published.size(), inSink,
                        deadLetters.size())
                .isEmpty();
    }

    private void checkEachPublishedId(Map<String, List<DeadLetterEntry>> deadById) {
        Map<String, String> lost = new TreeMap<>();
        Map<String, String> duplicated = new TreeMap<>();
        Map<String, String> misplaced = new TreeMap<>();
        for (String id : published) {
            long rows = sinkRows.getOrDefault(id, 0L);
            List<DeadLetterEntry> dead = deadById.getOrDefault(id, List.of());
            if (rows == 0 && dead.isEmpty()) {
                lost.put(id, "nowhere");
            } else if (rows + dead.size() > 1) {
                duplicated.put(id, rows + " row(s) and " + dead.size() + " dead letter(s)");
            } else if (expectedDead.containsKey(id)) {
                checkExpectedDead(id, dead, misplaced);
            } else if (!dead.isEmpty()) {
                misplaced.put(id, "dead-lettered unexpectedly: " + dead.get(0).reason());
            }
        }
        report("lost", lost);
        report("duplicated", duplicated);
        report("not where expected", misplaced);
    }

    private void checkExpectedDead(String id, List<DeadLetterEntry> dead, Map<String, String> misplaced) {
        String fragment = expectedDead.get(id);
        if (dead.isEmpty()) {
            misplaced.put(id, "expected on the dead-letter queue with a reason containing '" + fragment + "', but in the sink");
            return;
        }
        String reason = dead.get(0).reason();
        if (reason == null || reason.isBlank()) {
            misplaced.put(id, "on the dead-letter queue without a reason");
        } else if (!reason.contains(fragment)) {
            misplaced.put(id, "dead-lettered with reason '" + reason + "', which lacks '" + fragment + "'");
        }
    }

    private static Map<String, String> ids(Set<String> ids, Predicate<String> filter) {
        Map<String, String> found = new TreeMap<>();
        ids.stream().filter(filter).forEach(id -> found.put(id, ""));
        return found;
    }

    private void report(String what, Map<String, String> found) {
        if (found.isEmpty()) {
            return;
        }
        Map<String, String> shown = new HashMap<>();
        found.entrySet().stream().limit(SHOWN).forEach(e -> shown.put(e.getKey(), e.getValue()));
        String list = shown.entrySet().stream().map(e -> e.getKey() + (e.getValue().isEmpty() ? "" : " (" + e.getValue() + ")"))
                .sorted().collect(Collectors.joining(", "));
        problems.add(found.size() + " id(s) " + what + ": " + list + (found.size() > SHOWN ? ", ..." : ""));
    }

    static <T> Map<String, Long> countBy(List<T> rows, Function<T, String> id) {
        return rows.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
    }
}
