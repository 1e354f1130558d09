package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.Message;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage example of msgflow-postgres/README.md, as it is written there (credentials aside). */
class ReadmeExampleIT {

    @Test
    void readmeExample() {
        TestPostgres postgres = TestPostgres.get();
        PostgresCredentials credentials = postgres.freshSchema("readme"); // README: PostgresCredentials.fromEnvironment()
        Map<String, String> deadLetters = new HashMap<>();
        List<SinkRecord> records = List.of(
                SinkRecord.of(Message.of("notification", "{\"message\":\"backup finished\"}")),
                SinkRecord.of(Message.of("critical_alert", "{\"message\":\"disk full on web-3\"}")),
                SinkRecord.of(Message.of("critical_alert", "{\"message\": \"nul \\u0000 inside\"}")));

        // snippet:usage
        try (HikariDataSource pool = DataSources.pooled(credentials, PoolOptions.builder().concurrentWriters(1).build())) {
            JdbcSink sink = JdbcSink.builder(pool)
                    .table("notification", "notification_messages")
                    .table("critical_alert", "critical_alerts")
                    .build()
                    .createSchemaIfMissing();

            WriteResult result = sink.write(records);   // one transaction
            result.rejected().forEach(deadLetters::put); // refused for good: dead-letter them
            // result.written(): new rows; result.duplicates(): redeliveries, nothing written
        }
        // end-snippet

        assertThat(deadLetters).containsOnlyKeys(records.get(2).messageId());
        assertThat(deadLetters.get(records.get(2).messageId())).contains("unsupported Unicode escape sequence");
    }
}
