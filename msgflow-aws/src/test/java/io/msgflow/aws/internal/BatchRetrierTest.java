package io.msgflow.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchRetrierTest {
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Set<String>> calls = new ArrayList<>();
    private final BatchRetrier retrier = new BatchRetrier(new Backoff(
            new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1)), pauses::add, () -> 1.0));

    @Test
    void onlyTransientFailuresAreSentAgainWithGrowingPauses() {
        Map<String, String> entries = BatchRetrier.byIndex(List.of("a", "b", "c"));

        BatchRetrier.Outcome<String> outcome = retrier.run("queue 'q'", entries, batch -> {
            calls.add(batch.keySet());
            Map<String, String> ok = new LinkedHashMap<>();
            Map<String, BatchRetrier.EntryError> failed = new LinkedHashMap<>();
            batch.forEach((id, value) -> {
                if (value.equals("b") && calls.size() < 3) {
                    failed.put(id, new BatchRetrier.EntryError("Throttling", "slow down", true));
                } else if (value.equals("c")) {
                    failed.put(id, new BatchRetrier.EntryError("InvalidParameterValue", "bad", true));
                } else {
                    ok.put(id, value.toUpperCase());
                }
            });
            return new BatchRetrier.Attempt<>(ok, failed);
        });

        assertThat(calls).containsExactly(Set.of("0", "1", "2"), Set.of("1"), Set.of("1"));
        assertThat(outcome.succeeded()).containsExactly(Map.entry("0", "A"), Map.entry("1", "B"));
        assertThat(outcome.failed()).containsOnlyKeys("2");
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aTransientFailureOnTheLastAttemptIsReportedWithItsCode() {
        BatchRetrier.Outcome<String> outcome = retrier.run("topic 't'", BatchRetrier.byIndex(List.of("a")), batch ->
                new BatchRetrier.Attempt<>(Map.of(), Map.of("0", new BatchRetrier.EntryError("InternalError", "oops", false))));

        assertThat(outcome.failed().get("0").code()).isEqualTo("InternalError");
        assertThat(outcome.failed().get("0").retryable()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void anEntryTheAnswerLeavesOutCountsAsFailedAndIsRetried() {
        BatchRetrier.Outcome<String> outcome = retrier.run("queue 'q'", BatchRetrier.byIndex(List.of("a")), batch ->
                new BatchRetrier.Attempt<>(Map.of(), Map.of()));

        assertThat(outcome.failed().get("0").code()).isEqualTo(BatchRetrier.MISSING_FROM_RESPONSE);
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void anInterruptedPauseStopsWithATransportExceptionAndKeepsTheInterrupt() {
        BatchRetrier interrupted = new BatchRetrier(new Backoff(RetrySettings.DEFAULTS, d -> {
            throw new InterruptedException();
        }, () -> 0.5));

        assertThatThrownBy(() -> interrupted.run("queue 'q'", BatchRetrier.byIndex(List.of("a")), batch ->
                new BatchRetrier.Attempt<String>(Map.of(), Map.of("0", new BatchRetrier.EntryError("Throttling", "", false)))))
                .isInstanceOf(TransportException.class).hasMessageContaining("queue 'q'");
        assertThat(Thread.interrupted()).isTrue();
    }
}
