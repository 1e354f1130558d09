package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Configuration rules, checked before any connection is made (the data source points nowhere). */
class JdbcSinkBuilderTest {
    private final PGSimpleDataSource nowhere = new PGSimpleDataSource();

    @Test
    void needsAtLeastOneTable() {
        assertThatThrownBy(() -> JdbcSink.builder(nowhere).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`table` must be configured for at least one message type, but none was");
    }

    @Test
    void aTypeIsMappedOnce() {
        JdbcSink.Builder builder = JdbcSink.builder(nowhere).table("notification", "notification_messages");

        assertThatThrownBy(() -> builder.table("notification", "other"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`type` must be mapped once, but 'notification' is already mapped to table 'notification_messages'");
    }

    @Test
    void typeMustNotBeBlank() {
        assertThatThrownBy(() -> JdbcSink.builder(nowhere).table(" ", "t"))
                .hasMessage("`type` must be a non-blank message type, but was ' '");
    }

    @Test
    void aHostileTableNameIsRejectedBeforeAnyConnection() {
        assertThatThrownBy(() -> JdbcSink.builder(nowhere).table("notification", "notification_messages\"; DROP TABLE x; --"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must be a lower-case SQL identifier");
    }

    @Test
    void statementTimeoutIsBounded() {
        assertThatThrownBy(() -> JdbcSink.builder(nowhere).statementTimeout(Duration.ofHours(2)))
                .hasMessage("`statementTimeout` must be between 1 s and 1 h, but was 2 h");
        assertThatThrownBy(() -> JdbcSink.builder(nowhere).statementTimeout(Duration.ofMillis(500)))
                .hasMessage("`statementTimeout` must be between 1 s and 1 h, but was 500 ms");
    }

    @Test
    void typesMayShareATable() {
        JdbcSink sink = JdbcSink.builder(nowhere).table("a", "shared").table("b", "shared").build();

        assertThat(sink.tablesByType()).containsOnlyKeys("a", "b");
        assertThat(sink.tablesByType().get("a")).isEqualTo(sink.tablesByType().get("b"));
    }

    @Test
    void anEmptyBatchNeedsNoConnection() {
        JdbcSink sink = JdbcSink.builder(nowhere).table("a", "t").build();

        assertThat(sink.write(java.util.List.of()).written()).isEmpty();
    }
}
