package io.msgflow.inmemory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void anIdIsKnownForFiveMinutesFromItsFirstSendThenForgotten() {
        Deduplicator<String> dedup = new Deduplicator<>();
        dedup.remember("a", "first", 1_000);

        assertThat(dedup.find("a", 1_000 + Deduplicator.WINDOW_MILLIS - 1)).isEqualTo("first");
        assertThat(dedup.find("a", 1_000 + Deduplicator.WINDOW_MILLIS)).isNull();
        assertThat(dedup.size()).isZero();
    }

    @Test
    void memoryHoldsOnlyTheIdsOfTheLastWindow() {
        Deduplicator<Integer> dedup = new Deduplicator<>();
        for (int i = 0; i < 10_000; i++) {
            long now = i * 1_000L;
            assertThat(dedup.find("id-" + i, now)).isNull();
            dedup.remember("id-" + i, i, now);
        }

        assertThat(dedup.size()).isEqualTo(300);
        assertThat(dedup.find("id-9700", 9_999_000L)).isEqualTo(9700);
        assertThat(dedup.find("id-9699", 9_999_000L)).isNull();
    }
}
