package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolOptionsTest {

    @Test
    void defaultsFitOneWriterPerLambdaEnvironment() {
        PoolOptions options = PoolOptions.defaults();

        assertThat(options.concurrentWriters()).isEqualTo(1);
        assertThat(options.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.socketTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.applicationName()).isEqualTo("msgflow");
    }

    @Test
    void eachSettingSaysItsRule() {
        assertThatThrownBy(() -> PoolOptions.builder().concurrentWriters(0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`concurrentWriters` must be between 1 and 500, but was 0");
        assertThatThrownBy(() -> PoolOptions.builder().connectionTimeout(Duration.ofMillis(100)))
                .hasMessage("`connectionTimeout` must be between 250 ms and 5 min, but was 100 ms");
        assertThatThrownBy(() -> PoolOptions.builder().socketTimeout(Duration.ofHours(2)))
                .hasMessage("`socketTimeout` must be between 1 s and 1 h, but was 2 h");
        assertThatThrownBy(() -> PoolOptions.builder().maxLifetime(Duration.ofSeconds(10)))
                .hasMessage("`maxLifetime` must be between 30 s and 1 d, but was 10 s");
        assertThatThrownBy(() -> PoolOptions.builder().applicationName("tab\there"))
                .hasMessage("`applicationName` must be 1 to 63 printable ASCII characters, but was 'tab\there'");
    }
}
