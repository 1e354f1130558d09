package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.TableMapping;
import io.msgflow.postgres.internal.ColumnText;
import io.msgflow.postgres.internal.Row;
import io.msgflow.sink.SinkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records as the column texts of the standard layout, computed exactly as the sink computes them. */
final class Rows {
    /** Columns of the standard layout in insert order: message_id, then the mapping's columns. */
    static final List<String> COLUMNS = columns();

    private Rows() {
    }

    static List<Row> of(List<SinkRecord> records, Instant writtenAt) {
        List<TableMapping.Column> columns = TableMapping.standard("t").columns();
        List<Row> rows = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            String[] values = new String[columns.size()];
            for (int i = 0; i < values.length; i++) {
                TableMapping.Column column = columns.get(i);
                values[i] = ColumnText.of(column.type(), column.valueOf(record, writtenAt));
            }
            rows.add(new Row(record.messageId(), values));
        }
        return rows;
    }

    /** The SQL type of each column after message_id, for casts of text values. */
    static List<String> sqlTypes() {
        List<String> types = new ArrayList<>();
        TableMapping.standard("t").columns().forEach(c -> types.add(c.type().sqlName()));
        return types;
    }

    private static List<String> columns() {
        List<String> names = new ArrayList<>();
        names.add(TableMapping.MESSAGE_ID);
        TableMapping.standard("t").columns().forEach(c -> names.add(c.name()));
        return List.copyOf(names);
    }
}
