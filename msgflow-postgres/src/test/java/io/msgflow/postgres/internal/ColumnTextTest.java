package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.postgres.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ColumnTextTest {

    @Test
    void valuesTravelAsTextPostgresCanCast() {
        assertThat(ColumnText.of(ColumnType.TEXT, null)).isNull();
        assertThat(ColumnText.of(ColumnType.TEXT, "x")).isEqualTo("x");
        assertThat(ColumnText.of(ColumnType.NUMERIC, new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ColumnText.of(ColumnType.BIGINT, 42L)).isEqualTo("42");
        assertThat(ColumnText.of(ColumnType.BOOLEAN, true)).isEqualTo("true");
        assertThat(ColumnText.of(ColumnType.TIMESTAMPTZ, Instant.parse("2024-05-01T12:00:00.123456Z"))).isEqualTo("2024-05-01T12:00:00.123456Z");
        assertThat(ColumnText.of(ColumnType.TIMESTAMPTZ, ZonedDateTime.of(2024, 5, 1, 14, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("2024-05-01T14:00+02:00");
        assertThat(ColumnText.of(ColumnType.DATE, LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        UUID id = UUID.randomUUID();
        assertThat(ColumnText.of(ColumnType.UUID, id)).isEqualTo(id.toString());
    }

    @Test
    void jsonbTakesJsonTextAsIsAndWritesOtherValuesAsJson() {
        assertThat(ColumnText.of(ColumnType.JSONB, "{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(ColumnText.of(ColumnType.JSONB, Map.of("hosts", List.of("a", "b")))).isEqualTo("{\"hosts\":[\"a\",\"b\"]}");
        assertThat(ColumnText.of(ColumnType.JSONB, 3)).isEqualTo("3");
    }

    @Test
    void timestampWithoutTimeZoneTakesTheUtcWallClockTime() {
        assertThat(ColumnText.of(ColumnType.TIMESTAMP, Instant.parse("2024-05-01T12:00:00.123456Z"))).isEqualTo("2024-05-01T12:00:00.123456");
        assertThat(ColumnText.of(ColumnType.TIMESTAMP, ZonedDateTime.of(2024, 5, 1, 14, 0, 0, 0, ZoneId.of("Europe/Paris"))))
                .isEqualTo("2024-05-01T12:00");
        assertThat(ColumnText.of(ColumnType.TIMESTAMP, "2024-05-01 09:00")).isEqualTo("2024-05-01 09:00");
    }
}
