package io.msgflow.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the fault tests ask the server from the side, on a plain auto-commit connection of their
 * own: rows of a batch, backends of the pool under test, and a gate (an advisory lock) that holds a
 * writer inside its transaction until the test has done its damage.
 */
final class SqlProbe {
    /** The advisory lock key the gate trigger waits on. */
    static final long GATE = 4711;

    private SqlProbe() {
    }

    /** SQL of a trigger that makes every insert into the table wait while someone holds {@link #GATE}. */
    static String gateTriggerSql(String table) {
        return "CREATE OR REPLACE FUNCTION gate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " PERFORM pg_advisory_xact_lock_shared(" + GATE + "); RETURN NULL; END $$;"
                + "DROP TRIGGER IF EXISTS gate ON " + table + ";"
                + "CREATE TRIGGER gate BEFORE INSERT ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION gate()";
    }

    /** Runs each statement on its own with auto-commit (as CREATE INDEX CONCURRENTLY needs); {@code script} names them when one fails. */
    static void executeEach(DataSource pool, List<String> statements, String script) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(script, e);
        }
    }

    /** Runs {@code sql} in one committed transaction on a connection of the pool. */
    static void execute(DataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row {@code sql} returns, read on a connection of the pool. */
    static String queryOne(DataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            String value = rs.getString(1);
            c.commit();
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows of the tables whose message id is one of {@code ids}, counted with repetitions. */
    static long rows(Connection c, Collection<String> tables, Collection<String> ids) throws SQLException {
        long total = 0;
        for (String table : tables) {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE message_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** Distinct message ids over the tables. */
    static long distinctIds(Connection c, Collection<String> tables) throws SQLException {
        List<String> selects = new ArrayList<>();
        tables.forEach(t -> selects.add("SELECT message_id FROM " + t));
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT message_id) FROM (" + String.join(" UNION ALL ", selects) + ") AS ids")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The backend of {@code application} that waits for the gate, and the statement it runs, once there is one. */
    static Optional<String[]> waitingAtGate(Connection c, String application) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pid, query FROM pg_stat_activity WHERE application_name = ?"
                + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** Pids of the backends of {@code application}. */
    static List<Integer> backends(Connection c, String application) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, application);
            List<Integer> pids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
            return pids;
        }
    }

    static boolean terminate(Connection c, int pid) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Polls a condition of the server every 20 ms until it holds or the timeout passes. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}
