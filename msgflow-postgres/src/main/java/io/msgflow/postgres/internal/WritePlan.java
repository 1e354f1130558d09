package io.msgflow.postgres.internal;

import io.msgflow.internal.Utf8;
import io.msgflow.postgres.TableMapping;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A batch prepared before any I/O: rows grouped by table in a fixed order (tables by name, rows by
 * key, so concurrent writers take row locks in the same order and never deadlock), and the records
 * refused up front (unknown type, a failing value function, no id of the kind the table is keyed
 * on, text with an unpaired surrogate). Within a table the first record of a key is kept; a later
 * one with the same key counts as a duplicate.
 *
 * <p>One id under two types that map to two tables writes a row in each table, in one batch as in
 * two: idempotency is per table. An id's outcome is its worst: rejected if any of its records
 * was, else written if any row was new, else duplicate.
 */
public final class WritePlan {
    private static final Comparator<Row> BY_KEY = Comparator.comparing(Row::key);

    private final List<String> messageIds = new ArrayList<>();
    private final Map<InsertStatement, List<Row>> rowsByStatement = new HashMap<>();
    private final List<TableRows> tables = new ArrayList<>();
    private final Map<String, String> rejected = new HashMap<>();
    private final Set<String> keys = new HashSet<>();

    private WritePlan() {
    }

    /** The rows of one insert statement. */
    public record TableRows(InsertStatement statement, List<Row> rows) {
    }

    /**
     * Plans a batch. {@code tablesByType} maps each type to its insert; types that share a table
     * share one statement instance.
     */
    public static WritePlan of(List<SinkRecord> records, Map<String, InsertStatement> tablesByType, Instant writtenAt) {
        WritePlan plan = new WritePlan();
        Set<String> ids = new HashSet<>(records.size() * 2);
        for (SinkRecord record : records) {
            if (ids.add(record.messageId())) {
                plan.messageIds.add(record.messageId());
            }
            plan.add(record, tablesByType, writtenAt);
        }
        plan.rowsByStatement.forEach((statement, rows) -> {
            rows.sort(BY_KEY);
            plan.tables.add(new TableRows(statement, rows));
        });
        plan.tables.sort(Comparator.comparing(t -> t.statement().mapping().table()));
        return plan;
    }

    private void add(SinkRecord record, Map<String, InsertStatement> tablesByType, Instant writtenAt) {
        InsertStatement table = tablesByType.get(record.type());
        if (table == null) {
            rejected.put(record.messageId(), "no table is configured for message type '" + record.type()
                    + "'; configured types: " + new TreeMap<>(tablesByType).keySet());
            return;
        }
        TableMapping mapping = table.mapping();
        String key = record.id(mapping.recordId()).orElse(null);
        if (key == null) {
            rejected.put(record.messageId(), "table '" + mapping.table() + "' is keyed on the " + mapping.recordId()
                    + ", but message " + record.messageId() + " has none (" + missingIdReason(mapping.recordId()) + ")");
            return;
        }
        if (!keys.add(mapping.table() + '\n' + key)) {
            return;
        }
        String unencodable = unencodable(record.messageId(), "message id");
        if (unencodable == null && !key.equals(record.messageId())) {
            unencodable = unencodable(key, "key");
        }
        if (unencodable != null) {
            rejected.put(record.messageId(), unencodable);
            return;
        }
        List<TableMapping.Column> columns = mapping.columns();
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            TableMapping.Column column = columns.get(i);
            try {
                values[i] = ColumnText.of(column.type(), column.valueOf(record, writtenAt));
            } catch (RuntimeException e) {
                rejected.put(record.messageId(), "the value of column '" + column.name() + "' of table '" + table.mapping().table()
                        + "' could not be computed: " + e);
                return;
            }
        }
        for (int i = 0; i < values.length; i++) {
            String broken = values[i] == null ? null : unencodable(values[i], "column '" + columns.get(i).name() + "'");
            if (broken != null) {
                rejected.put(record.messageId(), broken);
                return;
            }
        }
        rowsByStatement.computeIfAbsent(table, t -> new ArrayList<>()).add(new Row(record.messageId(), key, values));
    }

    private static String missingIdReason(RecordId which) {
        return which == RecordId.SNS_MESSAGE_ID ? "only a delivery in an SNS envelope carries one; raw delivery hides it"
                : "only a record of a delivery received from SQS carries one";
    }

    /**
     * Why text cannot travel to the database unchanged, or null: an unpaired surrogate has no
     * UTF-8 encoding, and the driver would silently send '?' instead (two ids that differ only
     * there would become one row).
     */
    private static String unencodable(String text, String what) {
        int at = Utf8.firstUnpairedSurrogate(text);
        return at < 0 ? null : what + " holds the unpaired surrogate " + Utf8.codePointName(text, at) + " at index " + at
                + ", which UTF-8 cannot encode; it would not reach the database unchanged";
    }

    /** Distinct message ids of the batch, in first-seen order. */
    public List<String> messageIds() {
        return messageIds;
    }

    /** The rows to insert, table by table in the order to write them. */
    public List<TableRows> tables() {
        return tables;
    }

    /** Names of the tables the batch writes to. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(t.statement().mapping().table()));
        return names;
    }

    /** The outcome once the database has inserted {@code inserted} and refused {@code refused}. */
    public WriteResult result(Set<String> inserted, Map<String, String> refused) {
        Map<String, String> allRejected = new LinkedHashMap<>(rejected);
        allRejected.putAll(refused);
        Set<String> duplicates = new HashSet<>();
        Set<String> written = new HashSet<>();
        for (String id : messageIds) {
            if (allRejected.containsKey(id)) {
                continue;
            }
            (inserted.contains(id) ? written : duplicates).add(id);
        }
        return new WriteResult(written, duplicates, allRejected);
    }
}
