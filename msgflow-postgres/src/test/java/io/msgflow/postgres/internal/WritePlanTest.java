package io.msgflow.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.postgres.ColumnType;
import io.msgflow.postgres.TableMapping;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WritePlanTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final InsertStatement notifications = new InsertStatement(TableMapping.standard("notification_messages"));
    private final InsertStatement alerts = new InsertStatement(TableMapping.standard("critical_alerts"));
    private final Map<String, InsertStatement> tables = Map.of("notification", notifications, "critical_alert", alerts);

    @Test
    void groupsByTableInNameOrderAndSortsRowsById() {
        WritePlan plan = WritePlan.of(List.of(record("n-b", "notification"), record("a-z", "critical_alert"),
                record("n-a", "notification"), record("a-c", "critical_alert")), tables, NOW);

        assertThat(plan.tableNames()).containsExactly("critical_alerts", "notification_messages");
        assertThat(ids(plan.tables().get(0).rows())).containsExactly("a-c", "a-z");
        assertThat(ids(plan.tables().get(1).rows())).containsExactly("n-a", "n-b");
    }

    @Test
    void keepsTheFirstRecordOfAnIdAndCountsTheIdOnce() {
        SinkRecord first = new SinkRecord("same", "notification", "{\"v\":1}", Map.of(), null);
        SinkRecord second = new SinkRecord("same", "notification", "{\"v\":2}", Map.of(), null);

        WritePlan plan = WritePlan.of(List.of(first, second), tables, NOW);

        assertThat(plan.messageIds()).containsExactly("same");
        assertThat(plan.tables().get(0).rows()).singleElement().satisfies(r -> assertThat(r.values()[1]).isEqualTo("{\"v\":1}"));
    }

    @Test
    void keysRowsOnTheSqsMessageIdAndCountsASecondRecordOfOneKeyAsADuplicate() {
        InsertStatement bySqsId = new InsertStatement(TableMapping.standard("notification_messages", RecordId.SQS_MESSAGE_ID));
        SinkRecord first = new SinkRecord("sns-1", "notification", "a", Map.of(), null, Optional.of("sns-1"), Optional.of("sqs-b"));
        SinkRecord sameSqsMessage = new SinkRecord("other", "notification", "a", Map.of(), null, Optional.empty(), Optional.of("sqs-b"));
        SinkRecord second = new SinkRecord("sns-2", "notification", "b", Map.of(), null, Optional.of("sns-2"), Optional.of("sqs-a"));

        WritePlan plan = WritePlan.of(List.of(first, sameSqsMessage, second), Map.of("notification", bySqsId), NOW);
        WriteResult result = plan.result(Set.of("sns-1", "sns-2"), Map.of());

        assertThat(plan.tables().get(0).rows()).extracting(Row::key, Row::messageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sqs-a", "sns-2"), org.assertj.core.groups.Tuple.tuple("sqs-b", "sns-1"));
        assertThat(result.duplicates()).containsExactly("other");
    }

    @Test
    void mapsTheStandardColumnsWithTheWriteTime() {
        SinkRecord record = new SinkRecord("id", "notification", "{}", Map.of(), Instant.parse("2025-02-01T00:00:00.5Z"));

        String[] values = WritePlan.of(List.of(record), tables, NOW).tables().get(0).rows().get(0).values();

        assertThat(values).containsExactly("notification", "{}", "{}", "2025-02-01T00:00:00.500Z", "2025-03-01T10:00:00Z");
    }

    @Test
    void unknownTypeIsRejectedUpFrontNamingTheConfiguredTypes() {
        WritePlan plan = WritePlan.of(List.of(record("x", "billing"), record("y", "notification")), tables, NOW);

        WriteResult result = plan.result(Set.of("y"), Map.of());

        assertThat(plan.tableNames()).containsExactly("notification_messages");
        assertThat(result.rejected()).containsExactly(Map.entry("x",
                "no table is configured for message type 'billing'; configured types: [critical_alert, notification]"));
        assertThat(result.written()).containsExactly("y");
    }

    @Test
    void aFailingValueFunctionRejectsItsRecordOnly() {
        TableMapping mapping = TableMapping.builder("hosts").column("host", ColumnType.TEXT, r -> {
            if (r.body().isEmpty()) {
                throw new IllegalArgumentException("no host in an empty body");
            }
            return r.body();
        }).build();
        WritePlan plan = WritePlan.of(List.of(record("bad", "h", ""), record("good", "h", "{}")),
                Map.of("h", new InsertStatement(mapping)), NOW);

        WriteResult result = plan.result(Set.of("good"), Map.of());

        assertThat(result.rejected()).containsExactly(Map.entry("bad",
                "the value of column 'host' of table 'hosts' could not be computed: java.lang.IllegalArgumentException: no host in an empty body"));
        assertThat(ids(plan.tables().get(0).rows())).containsExactly("good");
    }

    @Test
    void resultPutsEveryIdInExactlyOneOutcome() {
        WritePlan plan = WritePlan.of(List.of(record("new", "notification"), record("old", "notification"),
                record("bad", "notification"), record("new", "notification")), tables, NOW);

        WriteResult result = plan.result(Set.of("new"), Map.of("bad", "refused"));

        assertThat(result.written()).containsExactly("new");
        assertThat(result.duplicates()).containsExactly("old");
        assertThat(result.rejected()).containsOnlyKeys("bad");
    }

    private static SinkRecord record(String id, String type) {
        return record(id, type, "{}");
    }

    private static SinkRecord record(String id, String type, String body) {
        return new SinkRecord(id, type, body, Map.of(), null);
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(Row::messageId).collect(Collectors.toList());
    }

    @Test
    void oneIdUnderTwoTypesOfTwoTablesPlansARowInEachTableAsTwoBatchesWould() {
        WritePlan plan = WritePlan.of(List.of(record("same", "notification"), record("same", "critical_alert")), tables, NOW);

        assertThat(plan.messageIds()).containsExactly("same");
        assertThat(plan.tableNames()).containsExactly("critical_alerts", "notification_messages");
        assertThat(plan.tables()).allSatisfy(t -> assertThat(ids(t.rows())).containsExactly("same"));
    }

    @Test
    void idsThatDifferOnlyInAnUnpairedSurrogateAreEachRejectedBeforeAnyIo() {
        WritePlan plan = WritePlan.of(List.of(record("order-\uD83D", "notification"), record("order-\uD83E", "notification"),
                record("order-ok", "notification")), tables, NOW);

        WriteResult result = plan.result(Set.of("order-ok"), Map.of());

        assertThat(ids(plan.tables().get(0).rows())).containsExactly("order-ok");
        assertThat(result.written()).containsExactly("order-ok");
        assertThat(result.duplicates()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("order-\uD83D", "order-\uD83E")
                .allSatisfy((id, reason) -> assertThat(reason).contains("message id holds the unpaired surrogate U+D83"));
    }

    @Test
    void aBodyWithAnUnpairedSurrogateIsRejectedRatherThanStoredWithAQuestionMark() {
        SinkRecord broken = new SinkRecord("b", "notification", "{\"t\":\"half \uD83D\"}", Map.of(), null);

        WriteResult result = WritePlan.of(List.of(broken), tables, NOW).result(Set.of(), Map.of());

        assertThat(result.rejected()).hasEntrySatisfying("b", reason -> assertThat(reason).contains("column 'body' holds the unpaired surrogate U+D83D"));
    }

    @Test
    void anIdRejectedForOneOfItsRecordsIsRejectedNotWritten() {
        WritePlan plan = WritePlan.of(List.of(record("same", "notification"), record("same", "billing")), tables, NOW);

        WriteResult result = plan.result(Set.of("same"), Map.of());

        assertThat(result.written()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("same");
    }
}
