package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TableMappingTest {

    @Test
    void standardLayoutHasTheWorkflowColumns() {
        TableMapping mapping = TableMapping.standard("critical_alerts");

        assertThat(mapping.idColumn()).isEqualTo("message_id");
        assertThat(mapping.columns().stream().map(TableMapping.Column::name).collect(Collectors.toList()))
                .containsExactly("message_type", "body", "attributes", "published_at", "processed_at");
        assertThat(mapping.isStandard()).isTrue();
        assertThat(mapping).isEqualTo(TableMapping.standard("critical_alerts")).isNotEqualTo(TableMapping.standard("other"));
    }

    @Test
    void customColumnsTakeTheirValueFromTheRecordOrTheWriteTime() {
        TableMapping mapping = TableMapping.builder("alerts_by_host").idColumn("msg_id")
                .column("kind", ColumnType.TEXT, SinkRecord::type)
                .writeTimeColumn("stored_at")
                .build();
        SinkRecord record = new SinkRecord("m1", "critical_alert", "{}", Map.of(), null);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        assertThat(mapping.columns().get(0).valueOf(record, now)).isEqualTo("critical_alert");
        assertThat(mapping.columns().get(1).valueOf(record, now)).isEqualTo(now);
        assertThat(mapping.columns().get(1).type()).isEqualTo(ColumnType.TIMESTAMPTZ);
        assertThat(mapping.isStandard()).isFalse();
        assertThat(mapping).isNotEqualTo(TableMapping.builder("alerts_by_host").build());
    }

    @Test
    void rejectsAHostileTableName() {
        assertThatThrownBy(() -> TableMapping.builder("alerts; DROP TABLE users"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("`table` must be a lower-case SQL identifier")
                .hasMessageEndingWith("but was 'alerts; DROP TABLE users'");
        assertThatThrownBy(() -> TableMapping.standard("Robert'); DROP TABLE students;--"))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void rejectsAHostileColumnName() {
        assertThatThrownBy(() -> TableMapping.builder("t").column("x\" text); DROP TABLE t; --", ColumnType.TEXT, r -> 1))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("`column` must be a lower-case SQL identifier");
        assertThatThrownBy(() -> TableMapping.builder("t").idColumn("ID"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("`idColumn` must be a lower-case SQL identifier");
    }

    @Test
    void rejectsAColumnMappedTwiceIncludingTheIdColumn() {
        assertThatThrownBy(() -> TableMapping.builder("t").column("a", ColumnType.TEXT, r -> 1).column("a", ColumnType.TEXT, r -> 2))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`column` names must be unique in table 't', but 'a' is mapped twice");
        assertThatThrownBy(() -> TableMapping.builder("t").column("message_id", ColumnType.TEXT, r -> 1))
                .hasMessage("`column` names must be unique in table 't', but 'message_id' is mapped twice");
        assertThatThrownBy(() -> TableMapping.builder("t").column("k", ColumnType.TEXT, r -> 1).idColumn("k"))
                .hasMessage("`idColumn` names must be unique in table 't', but 'k' is mapped twice");
    }

    @Test
    void idColumnCanBeRenamedFreeingTheDefaultName() {
        TableMapping mapping = TableMapping.builder("t").idColumn("msg_id").column("message_id", ColumnType.TEXT, r -> "copy").build();

        assertThat(mapping.idColumn()).isEqualTo("msg_id");
        assertThat(mapping.columns()).extracting(TableMapping.Column::name).containsExactly("message_id");
    }

    @Test
    void aWriteTimeColumnIsATimestampWithOrWithoutTimeZoneAndRowsAreKeyedOnTheMessageIdUnlessSaidOtherwise() {
        TableMapping old = TableMapping.builder("notification_messages").writeTimeColumn("created_at", ColumnType.TIMESTAMP).build();

        assertThat(old.columns().get(0).type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(old.recordId()).isEqualTo(RecordId.MESSAGE_ID);
        assertThat(TableMapping.standard("t", RecordId.SQS_MESSAGE_ID)).isNotEqualTo(TableMapping.standard("t"));
        assertThatThrownBy(() -> TableMapping.builder("t").writeTimeColumn("created_at", ColumnType.TEXT))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`writeTimeColumn` type must be TIMESTAMPTZ or TIMESTAMP, but was TEXT for column 'created_at'");
        assertThatThrownBy(() -> TableMapping.builder("t").recordId(null)).isInstanceOf(InvalidConfigurationException.class);
    }
}
