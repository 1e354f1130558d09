package io.msgflow.internal.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> waits = new ArrayList<>();
    private final Pacer pacer = new Pacer(10, () -> now, nanos -> {
        waits.add(nanos);
        now += nanos;
    });

    @Test
    void spacesPermitsEvenlyAtTheRate() throws InterruptedException {
        pacer.acquire(10);
        pacer.acquire(10);
        pacer.acquire(5);

        assertThat(waits).containsExactly(1_000_000_000L, 1_000_000_000L);
        assertThat(now).isEqualTo(3_000_000_000L);
    }

    @Test
    void timeSpentElsewhereCountsTowardsTheNextPermit() throws InterruptedException {
        pacer.acquire(10);
        now += 400_000_000L;
        pacer.acquire(1);

        assertThat(waits).containsExactly(600_000_000L);
    }

    @Test
    void anIdlePacerDoesNotBurstTheTimeItWasIdle() throws InterruptedException {
        pacer.acquire(1);
        now += 60_000_000_000L;
        pacer.acquire(10);
        pacer.acquire(1);

        assertThat(waits).containsExactly(1_000_000_000L);
    }
}
