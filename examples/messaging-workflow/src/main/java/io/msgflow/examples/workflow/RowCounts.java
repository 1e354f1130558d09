package io.msgflow.examples.workflow;

import io.msgflow.MsgflowException;
import io.msgflow.postgres.TableMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;

/** Counts rows in the workflow's tables, read back with SQL after the run. */
final class RowCounts {
    private RowCounts() {
    }

    /**
     * The rows of {@code table} whose message id is one of {@code messageIds}.
     *
     * @param table one of the workflow's tables, whose names the sink has validated
     */
    static int ofMessages(DataSource dataSource, String table, Collection<String> messageIds) {
        String sql = "SELECT count(*) FROM " + table + " WHERE " + TableMapping.MESSAGE_ID + " = ANY (?)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", messageIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                int count = rows.getInt(1);
                connection.rollback();
                return count;
            }
        } catch (SQLException e) {
            throw new MsgflowException("table '" + table + "': cannot count the rows of this run: " + e.getMessage(), e);
        }
    }
}
