package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void standsStillUntilMoved() {
        TestClock clock = TestClock.create();

        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START).isEqualTo(clock.instant());
        assertThat(clock.millis()).isEqualTo(TestClock.DEFAULT_START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void advanceAndSetMoveItForward() {
        TestClock clock = TestClock.at(Instant.parse("2030-06-01T12:00:00Z"));

        assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(Instant.parse("2030-06-01T12:00:01.500Z"));
        assertThat(clock.set(Instant.parse("2030-06-02T00:00:00Z"))).isEqualTo(clock.instant());
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-06-02T00:00:00Z"));
    }

    @Test
    void neverGoesBackwards() {
        TestClock clock = TestClock.create();
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-5))).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("`advance` must be zero or positive, but was -5 s");
        assertThatThrownBy(() -> clock.set(TestClock.DEFAULT_START)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must not move the clock backwards").hasMessageContaining("2025-01-01T01:00:00Z");
        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(1)));
    }

    @Test
    void clocksInOtherZonesShareTheTime() {
        TestClock clock = TestClock.create();
        TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(3));

        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAllCount() throws Exception {
        TestClock clock = TestClock.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START.plusMillis(4000));
    }

    @Test
    void listenersRunAfterEveryMoveUntilRemoved() {
        TestClock clock = TestClock.create();
        List<Instant> seen = new ArrayList<>();
        Runnable remove = clock.onMove(() -> seen.add(clock.instant()));

        clock.advance(Duration.ofSeconds(1));
        clock.set(TestClock.DEFAULT_START.plusSeconds(10));
        remove.run();
        clock.advance(Duration.ofSeconds(1));

        assertThat(seen).containsExactly(TestClock.DEFAULT_START.plusSeconds(1), TestClock.DEFAULT_START.plusSeconds(10));
    }
}
