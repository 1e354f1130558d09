package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.codec.MessageCodec;
import io.msgflow.sink.SinkRecord;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The custom-table example of the README, on public API only; its columns read the typed payload. */
class CustomMappingExampleTest {
    record CriticalAlert(String host, int severity) { }

    static final MessageCodec CODEC = MessageCodec.builder().register(CriticalAlert.class).build();

    @Test
    void columnsReadTheTypedPayload() {
        PGSimpleDataSource pool = new PGSimpleDataSource();
        // snippet:mapping
        Function<SinkRecord, CriticalAlert> alert = r -> (CriticalAlert) CODEC.decode(r.type(), r.body());   // the handler's output
        TableMapping alerts = TableMapping.builder("alerts_by_host")
                .idColumn("msg_id")
                .column("host", ColumnType.TEXT, r -> alert.apply(r).host())
                .column("severity", ColumnType.INTEGER, r -> alert.apply(r).severity())
                .writeTimeColumn("stored_at")
                .build();
        JdbcSink sink = JdbcSink.builder(pool).table("critical_alert", alerts).build();
        // end-snippet

        SinkRecord record = new SinkRecord("m1", "critical_alert", "{\"host\":\"web-3\",\"severity\":2}", Map.of(), null);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(alerts.columns()).extracting(c -> c.valueOf(record, now)).containsExactly("web-3", 2, now);
        assertThat(sink.tablesByType()).containsEntry("critical_alert", alerts);
    }
}
