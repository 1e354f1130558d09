package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The README's mapping of a table another system created, verbatim between the markers, validated against such a table. */
class ReadmeExistingTableIT {

    @Test
    void theOldWorkflowsTableIsMappedAndValidatedAsTheReadmeShows() throws SQLException {
        execute("DROP TABLE IF EXISTS public.notification_messages;"
                + "CREATE TABLE public.notification_messages (id serial PRIMARY KEY, message_id varchar(255) NOT NULL UNIQUE,"
                + " message text NOT NULL, created_at timestamp NOT NULL)");
        try (HikariDataSource pool = TestPostgres.get().pool(TestPostgres.get().freshSchema("readme_existing"), 1)) {
            // snippet:existing-table
            TableMapping old = TableMapping.builder("public.notification_messages")
                    .idColumn("message_id")                             // varchar(255) not null
                    .recordId(RecordId.SQS_MESSAGE_ID)                  // the id the old consumer stores
                    .column("message", ColumnType.TEXT, SinkRecord::body) // plain text as it came
                    .writeTimeColumn("created_at", ColumnType.TIMESTAMP)  // the sink clock's time, UTC wall clock
                    .build();
            JdbcSink sink = JdbcSink.builder(pool).table("notification", old).build().validateSchema();
            // end-snippet
            assertThat(sink.tablesByType()).containsEntry("notification", old);
        } finally {
            execute("DROP TABLE public.notification_messages");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
