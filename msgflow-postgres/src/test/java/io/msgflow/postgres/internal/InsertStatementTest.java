package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.postgres.ColumnType;
import io.msgflow.postgres.TableMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertStatementTest {

    @Test
    void standardLayoutUnnestsOneTextArrayPerColumn() {
        assertThat(InsertStatement.sql(TableMapping.standard("critical_alerts"))).isEqualTo(
                "INSERT INTO \"critical_alerts\" (\"message_id\", \"message_type\", \"body\", \"attributes\", \"published_at\", \"processed_at\")"
                        + " SELECT u.c0, u.c1, u.c2::jsonb, u.c3::jsonb, u.c4::timestamptz, u.c5::timestamptz"
                        + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c0, c1, c2, c3, c4, c5)"
                        + " ON CONFLICT (\"message_id\") DO NOTHING RETURNING \"message_id\"::text");
    }

    @Test
    void customMappingUsesItsIdColumnAndTypes() {
        TableMapping mapping = TableMapping.builder("ops.alerts_by_host").idColumn("msg_id")
                .column("severity", ColumnType.INTEGER, r -> 1)
                .column("cost", ColumnType.DOUBLE_PRECISION, r -> 1.5)
                .build();

        assertThat(InsertStatement.sql(mapping)).isEqualTo(
                "INSERT INTO \"ops\".\"alerts_by_host\" (\"msg_id\", \"severity\", \"cost\")"
                        + " SELECT u.c0, u.c1::integer, u.c2::double precision"
                        + " FROM unnest(?::text[], ?::text[], ?::text[]) AS u(c0, c1, c2)"
                        + " ON CONFLICT (\"msg_id\") DO NOTHING RETURNING \"msg_id\"::text");
    }

    @Test
    void chunksHoldAtMostTheRowLimitAndAboutTheCharacterLimitButAlwaysOneRow() {
        InsertStatement statement = new InsertStatement(TableMapping.standard("t"), 3);
        String big = "x".repeat((int) (InsertStatement.MAX_CHARS_PER_STATEMENT / 2));
        List<Row> small = List.of(row("a"), row("b"), row("c"), row("d"), row("e"));
        List<Row> large = List.of(row(big), row(big), row(big + big + big));

        assertThat(statement.chunkEnd(small, 0)).isEqualTo(3);
        assertThat(statement.chunkEnd(small, 3)).isEqualTo(5);
        assertThat(statement.chunkEnd(large, 0)).isEqualTo(1);
        assertThat(statement.chunkEnd(large, 2)).as("a row over the limit goes alone").isEqualTo(3);
    }

    private static Row row(String body) {
        return new Row("id", new String[] {"notification", body, "{}", null, null});
    }
}
