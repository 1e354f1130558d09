package io.msgflow.postgres;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.postgres.internal.BatchWriter;
import io.msgflow.postgres.internal.InsertStatement;
import io.msgflow.postgres.internal.SchemaCheck;
import io.msgflow.postgres.internal.SchemaSql;
import io.msgflow.postgres.internal.SqlStates;
import io.msgflow.postgres.internal.Transactions;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A {@link Sink} that writes records into PostgreSQL tables over JDBC, one table per message
 * type.
 *
 * <pre>{@code
 * JdbcSink sink = JdbcSink.builder(dataSource)
 *     .table("notification", "notification_messages")
 *     .table("critical_alert", "critical_alerts")
 *     .build()
 *     .createSchemaIfMissing();
 * WriteResult result = sink.write(records);
 * }</pre>
 *
 * <p><b>Transaction:</b> each {@link #write} takes one connection from the data source and
 * commits the accepted records of the batch in one transaction; when it throws
 * {@link SinkException} (connection lost, database down, timeout) the transaction was rolled
 * back and nothing of the batch is in the tables. <b>Idempotency:</b> on the table's message-id
 * column, which must be unique: a record whose id is already in its table is reported as a
 * duplicate and writes nothing, also when another writer commits it concurrently. Idempotency
 * holds per table: one id under two types of two tables writes a row in each, in one batch as in
 * two; within one batch the first record of an id per table is kept. Ids are matched by exact
 * equality, never through a lossy round trip. <b>Refusals:</b> a record the database refuses for
 * what it holds (a character {@code jsonb} cannot hold, a violated constraint, a value out of range, an id too long for the
 * unique index, a body nested too deeply: the record classes of the SQLState table in the README)
 * is reported in {@link WriteResult#rejected()} with the database's reason and the rest of the
 * batch is committed; a record whose type has no table, or whose text has an unpaired surrogate
 * (which no driver can send unchanged), is rejected the same way, before any I/O.
 * <b>Ordering:</b> rows are written table by table in name order and by message id within a
 * table, whatever the order of the batch, so concurrent writers of overlapping batches cannot
 * deadlock. <b>Tables of other systems:</b> {@link #validateSchema()} checks up front that each
 * table can take the writes (columns, types, the unique key idempotency needs) and says how to fix
 * it; a mapping may key rows on the SNS or SQS MessageId instead of msgflow's id
 * ({@link TableMapping.Builder#recordId}): the key is then what makes a record a duplicate, and
 * results still name records by {@link SinkRecord#messageId()}. <b>Threading:</b> thread-safe;
 * concurrent writes use one pooled connection each.
 */
public final class JdbcSink implements Sink {
    private final DataSource dataSource;
    private final Map<String, TableMapping> tablesByType;
    private final BatchWriter writer;
    private final int timeoutSeconds;

    private JdbcSink(Builder b) {
        this.dataSource = b.dataSource;
        this.tablesByType = Map.copyOf(b.tablesByType);
        Map<TableMapping, InsertStatement> statements = new HashMap<>();
        Map<String, InsertStatement> byType = new HashMap<>();
        b.tablesByType.forEach((type, mapping) -> byType.put(type, statements.computeIfAbsent(mapping, InsertStatement::new)));
        this.timeoutSeconds = ceilSeconds(b.statementTimeout);
        this.writer = new BatchWriter(dataSource, byType, b.clock, timeoutSeconds);
    }

    /** A builder of a sink over a data source, normally a pool from {@link DataSources#pooled}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Writes a batch in one transaction; see the class comment for the contract.
     *
     * @throws SinkException when the batch failed as a whole; nothing of it was written
     */
    @Override
    public WriteResult write(List<SinkRecord> records) {
        return writer.write(records);
    }

    /**
     * Creates the tables of the {@linkplain TableMapping#standard standard layout} (and their
     * schemas) that do not exist yet, from the DDL in {@code io/msgflow/postgres/message-table.sql},
     * in one transaction, then {@linkplain #validateSchema() validates} every table: a table of that
     * name that already existed in another shape is reported, never changed. Tables of custom
     * mappings are left to their owner (and validated). Safe to call from several processes at once.
     *
     * @return this sink
     * @throws SchemaValidationException when a table cannot take the sink's writes
     * @throws SchemaException when the DDL failed; nothing of it was kept
     */
    public JdbcSink createSchemaIfMissing() {
        Set<TableMapping> mappings = new LinkedHashSet<>(tablesByType.values());
        List<String> tables = new ArrayList<>();
        mappings.stream().filter(TableMapping::isStandard).forEach(m -> tables.add(m.table()));
        try {
            Transactions.run(dataSource, connection -> {
                SchemaSql.apply(connection, SchemaSql.statements(mappings));
                connection.commit();
                return null;
            });
        } catch (SQLException e) {
            throw new SchemaException("cannot create tables " + tables + ": " + SqlStates.describe(e, 500), tables, e);
        }
        return validateSchema();
    }

    /**
     * Checks every table against its mapping before anything is written, from the catalog only
     * (nothing is created or changed): the table exists; the id column is text (or varchar) and
     * carries a usable unique constraint or index (not partial, not deferrable, valid), which
     * idempotency needs; every mapped column exists with a type the mapping writes and is not
     * generated by the database; every column the mapping leaves out is nullable, has a default,
     * or is generated (a serial key). Duplicates that would prevent the unique index are counted.
     * Tables are reported in name order; each catalog query (and the count of duplicates, a scan
     * of the table) is bounded by {@code statementTimeout}.
     *
     * @return this sink
     * @throws SchemaValidationException listing every problem of every table and the SQL that
     *         fixes them: removing the duplicates, {@code CREATE UNIQUE INDEX CONCURRENTLY}, attaching
     *         it as a constraint, adding missing columns
     * @throws SchemaException when the catalog cannot be read
     */
    public JdbcSink validateSchema() {
        List<TableMapping> mappings = new ArrayList<>(new LinkedHashSet<>(tablesByType.values()));
        mappings.sort(Comparator.comparing(TableMapping::table));
        List<SchemaCheck.Report> reports = new ArrayList<>();
        try {
            Transactions.run(dataSource, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = '" + timeoutSeconds + "s'");
                }
                for (TableMapping mapping : mappings) {
                    reports.add(SchemaCheck.check(connection, mapping));
                }
                connection.rollback();
                return null;
            });
        } catch (SQLException e) {
            List<String> tables = mappings.stream().map(TableMapping::table).toList();
            throw new SchemaException("cannot validate tables " + tables + ": " + SqlStates.describe(e, 500), tables, e);
        }
        SchemaCheck.failure(reports).ifPresent(failure -> {
            throw failure;
        });
        return this;
    }

    /** The table mapping of each configured message type. */
    public Map<String, TableMapping> tablesByType() {
        return tablesByType;
    }

    /** Does nothing: the data source belongs to the caller, who closes it. */
    @Override
    public void close() {
    }

    private static int ceilSeconds(Duration d) {
        return Math.toIntExact(d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    }

    /** Builds a {@link JdbcSink}; each setter checks its rule. Not thread-safe. */
    public static final class Builder {
        private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
        private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

        private final DataSource dataSource;
        private final Map<String, TableMapping> tablesByType = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration statementTimeout = Duration.ofSeconds(30);

        private Builder(DataSource dataSource) {
            this.dataSource = Check.notNull("dataSource", dataSource);
        }

        /** Records of {@code type} go to {@code table} in the standard layout. */
        public Builder table(String type, String table) {
            return table(type, TableMapping.standard(table));
        }

        /** Records of {@code type} go to a table through a mapping of your own. */
        public Builder table(String type, TableMapping mapping) {
            if (type == null || type.isBlank()) {
                throw new InvalidConfigurationException("type",
                        "`type` must be a non-blank message type, but was " + (type == null ? "null" : "'" + type + "'"));
            }
            Check.notNull("mapping", mapping);
            if (tablesByType.containsKey(type)) {
                throw new InvalidConfigurationException("type", "`type` must be mapped once, but '" + type
                        + "' is already mapped to table '" + tablesByType.get(type).table() + "'");
            }
            tablesByType.put(type, mapping);
            return this;
        }

        /** The clock of {@code processed_at} and other write-time columns; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /**
         * How long one insert statement may run before it is cancelled and the batch fails;
         * 30 s by default, rounded up to whole seconds.
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = Check.between("statementTimeout", timeout, MIN_TIMEOUT, MAX_TIMEOUT);
            return this;
        }

        /** @throws InvalidConfigurationException when no table is configured */
        public JdbcSink build() {
            if (tablesByType.isEmpty()) {
                throw new InvalidConfigurationException("table",
                        "`table` must be configured for at least one message type, but none was");
            }
            return new JdbcSink(this);
        }
    }

    @Override
    public String toString() {
        return "JdbcSink" + Objects.toString(tablesByType);
    }
}
