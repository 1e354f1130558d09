package io.msgflow.postgres.internal;

import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in one transaction. The first attempt inserts every table's rows with one
 * statement each. Only if the database refuses a row does a second transaction isolate the
 * refused rows by halving the failing group under savepoints, so the accepted rows are still
 * committed together and each refused one is reported with the database's reason.
 */
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int REASON_LIMIT = 500;

    private final DataSource dataSource;
    private final Map<String, InsertStatement> tablesByType;
    private final Clock clock;
    private final int timeoutSeconds;

    public BatchWriter(DataSource dataSource, Map<String, InsertStatement> tablesByType, Clock clock, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.tablesByType = Map.copyOf(tablesByType);
        this.clock = clock;
        this.timeoutSeconds = timeoutSeconds;
    }

    public WriteResult write(List<SinkRecord> records) {
        WritePlan plan = WritePlan.of(records, tablesByType, clock.instant());
        if (plan.tables().isEmpty()) {
            return plan.result(Set.of(), Map.of());
        }
        try {
            return Transactions.run(dataSource, connection -> attempt(connection, plan));
        } catch (SQLException e) {
            throw new SinkException("batch of " + plan.messageIds().size() + " records to " + plan.tableNames()
                    + " failed as a whole and was rolled back: " + SqlStates.describe(e, REASON_LIMIT), plan.messageIds(), e);
        }
    }

    private WriteResult attempt(Connection connection, WritePlan plan) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try {
            for (WritePlan.TableRows table : plan.tables()) {
                inserted.addAll(table.statement().insert(connection, table.rows(), timeoutSeconds));
            }
            connection.commit();
            return plan.result(inserted, Map.of());
        } catch (SQLException e) {
            if (!SqlStates.isRecordRefusal(e)) {
                throw e;
            }
            LOG.debug("the database refused a record of a batch of {}; isolating it: {}", plan.messageIds().size(), e.getMessage());
            Transactions.rollback(connection, e);
            return isolatingRefusals(connection, plan);
        }
    }

    private WriteResult isolatingRefusals(Connection connection, WritePlan plan) throws SQLException {
        Set<String> inserted = new HashSet<>();
        Map<String, String> refused = new HashMap<>();
        for (WritePlan.TableRows table : plan.tables()) {
            inserted.addAll(insertIsolating(connection, table.statement(), table.rows(), refused));
        }
        connection.commit();
        return plan.result(inserted, refused);
    }

    private Set<String> insertIsolating(Connection connection, InsertStatement statement, List<Row> rows, Map<String, String> refused)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Set<String> inserted = statement.insert(connection, rows, timeoutSeconds);
            connection.releaseSavepoint(savepoint);
            return inserted;
        } catch (SQLException e) {
            if (!SqlStates.isRecordRefusal(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (rows.size() == 1) {
                refused.put(rows.get(0).messageId(),
                        "table '" + statement.mapping().table() + "' refused the record: " + SqlStates.describe(e, REASON_LIMIT));
                return Set.of();
            }
            int half = rows.size() / 2;
            Set<String> inserted = new HashSet<>(insertIsolating(connection, statement, rows.subList(0, half), refused));
            inserted.addAll(insertIsolating(connection, statement, rows.subList(half, rows.size()), refused));
            return inserted;
        }
    }
}
