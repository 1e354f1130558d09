package io.msgflow.postgres;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Json;
import io.msgflow.postgres.internal.AttributesJson;
import io.msgflow.postgres.internal.SqlIdentifier;
import io.msgflow.sink.RecordId;
import io.msgflow.sink.SinkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the records of a message type become rows of one table: the table, the column that holds
 * the message id (it must carry a unique constraint, which is what makes the sink idempotent),
 * and the other columns with the value each takes from a record.
 *
 * <p>{@link #standard(String)} is msgflow's own layout (see {@code message-table.sql}); a
 * {@link #builder(String)} maps a payload into a table of your own:
 *
 * <pre>{@code
 * Function<SinkRecord, CriticalAlert> alert = r -> (CriticalAlert) codec.decode(r.type(), r.body());
 * TableMapping alerts = TableMapping.builder("alerts_by_host")
 *     .idColumn("msg_id")
 *     .column("host", ColumnType.TEXT, r -> alert.apply(r).host())
 *     .column("severity", ColumnType.INTEGER, r -> alert.apply(r).severity())
 *     .writeTimeColumn("stored_at")
 *     .build();
 * }</pre>
 *
 * <p>A table another system writes too (columns of its own, {@code timestamp} without time zone,
 * a serial key, the SQS MessageId as key) is mapped column by column; columns the mapping leaves
 * out are left to the database (a serial {@code id}, defaults), and
 * {@link JdbcSink#validateSchema()} says up front what does not fit:
 *
 * <pre>{@code
 * TableMapping old = TableMapping.builder("public.notification_messages")
 *     .idColumn("message_id")                           // varchar(255) not null
 *     .recordId(RecordId.SQS_MESSAGE_ID)                // what the old consumer stores
 *     .column("message", ColumnType.TEXT, SinkRecord::body)
 *     .writeTimeColumn("created_at", ColumnType.TIMESTAMP) // not null, no default in the database
 *     .build();
 * }</pre>
 *
 * <p>A value function that throws makes its record rejected (with the column named in the
 * reason); the rest of the batch is written. Immutable and thread-safe when the value functions
 * are.
 */
public final class TableMapping {
    /** Column of the message id in the standard layout. */
    public static final String MESSAGE_ID = "message_id";

    private final String table;
    private final String idColumn;
    private final RecordId recordId;
    private final List<Column> columns;
    private final boolean standard;

    private TableMapping(Builder b, boolean standard) {
        this.table = b.table;
        this.idColumn = b.idColumn;
        this.recordId = b.recordId;
        this.columns = List.copyOf(b.columns);
        this.standard = standard;
    }

    /**
     * msgflow's layout: {@code id} (identity), {@code message_id} (unique), {@code message_type},
     * {@code body} (jsonb), {@code attributes} (jsonb), {@code published_at},
     * {@code processed_at} (the sink clock's time of the write). A body that is one JSON document
     * is stored as that JSON value; any other body (plain text, base64 bytes, broken JSON) is stored
     * as a JSON string holding the text, which {@code body #>> '{}'} reads back as it came.
     */
    public static TableMapping standard(String table) {
        return standard(table, RecordId.MESSAGE_ID);
    }

    /** msgflow's layout, keyed on another id of the record (see {@link RecordId} for the trade-offs). */
    public static TableMapping standard(String table, RecordId recordId) {
        Builder b = builder(table).recordId(recordId)
                .column("message_type", ColumnType.TEXT, SinkRecord::type)
                .column("body", ColumnType.JSONB, r -> Json.documentOrString(r.body()))
                .column("attributes", ColumnType.JSONB, r -> AttributesJson.write(r.attributes()))
                .column("published_at", ColumnType.TIMESTAMPTZ, SinkRecord::publishedAt)
                .writeTimeColumn("processed_at");
        return new TableMapping(b, true);
    }

    /** A mapping into a table of your own; the id column defaults to {@code message_id}. */
    public static Builder builder(String table) {
        return new Builder(table);
    }

    /** The table name, validated as a (schema-qualified) lower-case SQL identifier. */
    public String table() {
        return table;
    }

    /** The column holding the message id; it must be unique in the table. */
    public String idColumn() {
        return idColumn;
    }

    /** Which id of a record the id column holds; {@link RecordId#MESSAGE_ID} unless set. */
    public RecordId recordId() {
        return recordId;
    }

    /** The other columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** Whether this is msgflow's own layout, whose DDL {@link JdbcSink#createSchemaIfMissing()} applies. */
    public boolean isStandard() {
        return standard;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TableMapping && standard && ((TableMapping) o).standard && table.equals(((TableMapping) o).table)
                && recordId == ((TableMapping) o).recordId;
    }

    @Override
    public int hashCode() {
        return standard ? table.hashCode() : System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "TableMapping{table=" + table + ", idColumn=" + idColumn + ", recordId=" + recordId + ", columns=" + columns + "}";
    }

    /** One mapped column: its name, its type and where its value comes from. */
    public static final class Column {
        private final String name;
        private final ColumnType type;
        private final BiFunction<SinkRecord, Instant, ?> value;

        private Column(String name, ColumnType type, BiFunction<SinkRecord, Instant, ?> value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        public String name() {
            return name;
        }

        public ColumnType type() {
            return type;
        }

        /** The value for a record written at {@code writtenAt}; {@code null} makes SQL NULL. */
        public Object valueOf(SinkRecord record, Instant writtenAt) {
            return value.apply(record, writtenAt);
        }

        @Override
        public String toString() {
            return name + " " + type.sqlName();
        }
    }

    /** Builds a {@link TableMapping}; each setter checks its rule. Not thread-safe. */
    public static final class Builder {
        private final String table;
        private String idColumn = MESSAGE_ID;
        private RecordId recordId = RecordId.MESSAGE_ID;
        private final List<Column> columns = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(String table) {
            this.table = SqlIdentifier.table("table", table);
            names.add(idColumn);
        }

        /** The column that receives the message id; it needs a unique constraint. */
        public Builder idColumn(String name) {
            SqlIdentifier.column("idColumn", name);
            names.remove(idColumn);
            claim("idColumn", name);
            this.idColumn = name;
            return this;
        }

        /**
         * Which id of a record goes into the id column and keys the row; {@link RecordId#MESSAGE_ID}
         * by default. A record without that id is rejected with the reason.
         */
        public Builder recordId(RecordId value) {
            this.recordId = Check.notNull("recordId", value);
            return this;
        }

        /** A column whose value a function takes from the record (its body, attributes, type…). */
        public Builder column(String name, ColumnType type, Function<SinkRecord, ?> value) {
            Objects.requireNonNull(value, "value");
            return add(name, type, (record, writtenAt) -> value.apply(record));
        }

        /** A {@code timestamptz} column holding the time of the write, read from the sink's clock. */
        public Builder writeTimeColumn(String name) {
            return writeTimeColumn(name, ColumnType.TIMESTAMPTZ);
        }

        /**
         * A column holding the time of the write, read from the sink's clock: {@code timestamptz},
         * or {@code timestamp} (without time zone: the UTC wall-clock time), for a
         * {@code created_at NOT NULL} whose default lived in another system's code.
         */
        public Builder writeTimeColumn(String name, ColumnType type) {
            if (type != ColumnType.TIMESTAMPTZ && type != ColumnType.TIMESTAMP) {
                throw new InvalidConfigurationException("writeTimeColumn", "`writeTimeColumn` type must be TIMESTAMPTZ or TIMESTAMP, but was "
                        + type + " for column '" + name + "'");
            }
            return add(name, type, (record, writtenAt) -> writtenAt);
        }

        private Builder add(String name, ColumnType type, BiFunction<SinkRecord, Instant, ?> value) {
            SqlIdentifier.column("column", name);
            Check.notNull("type", type);
            claim("column", name);
            columns.add(new Column(name, type, value));
            return this;
        }

        private void claim(String setting, String name) {
            if (!names.add(name)) {
                throw new InvalidConfigurationException(setting,
                        "`" + setting + "` names must be unique in table '" + table + "', but '" + name + "' is mapped twice");
            }
        }

        public TableMapping build() {
            return new TableMapping(this, false);
        }
    }
}
