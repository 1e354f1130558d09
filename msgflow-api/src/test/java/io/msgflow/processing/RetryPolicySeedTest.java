package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicySeedTest {

    @Test
    void aSeededPolicyGivesTheSameJitteredDelaysOnEveryRun() {
        RetryPolicy policy = RetryPolicy.builder().jitter(RetryPolicy.Jitter.FULL).maxAttempts(10).build();

        List<Duration> first = delays(policy.withJitterSeed(42));
        List<Duration> second = delays(policy.withJitterSeed(42));

        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
        assertThat(delays(policy.withJitterSeed(43))).isNotEqualTo(first);
        for (int attempt = 1; attempt <= first.size(); attempt++) {
            assertThat(first.get(attempt - 1)).isBetween(Duration.ZERO, policy.ceiling(attempt));
        }
    }

    @Test
    void seedingKeepsEverythingElseOfThePolicy() {
        RetryPolicy policy = RetryPolicy.builder().initialDelay(Duration.ofSeconds(2)).maxAttempts(3).jitter(RetryPolicy.Jitter.NONE).build();

        RetryPolicy seeded = policy.withJitterSeed(1);

        assertThat(seeded.maxAttempts()).isEqualTo(3);
        assertThat(seeded.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
    }

    private static List<Duration> delays(RetryPolicy policy) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            delays.add(policy.delayAfter(attempt));
        }
        return delays;
    }
}
