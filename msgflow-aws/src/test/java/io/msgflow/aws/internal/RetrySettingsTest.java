package io.msgflow.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetrySettingsTest {
    private final RetrySettings settings = new RetrySettings(5, Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void ceilingDoublesUpToTheMaximum() {
        assertThat(settings.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.ceiling(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.ceiling(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.ceiling(60)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterKeepsTheDelayBetweenHalfAndAllOfTheCeiling() {
        assertThat(new Backoff(settings, d -> { }, () -> 0.0).delayAfter(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(new Backoff(settings, d -> { }, () -> 0.5).delayAfter(2)).isEqualTo(Duration.ofMillis(150));
        assertThat(new Backoff(settings, d -> { }, () -> 0.999_999).delayAfter(2)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void outOfRangeValuesNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> new RetrySettings(11, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`maxAttempts` must be between 1 and 10, but was 11");
        assertThatThrownBy(() -> new RetrySettings(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("`retryMaxDelay` must be between 2 s and 1 min, but was 1 s");
    }
}
