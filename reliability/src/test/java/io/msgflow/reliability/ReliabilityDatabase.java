package io.msgflow.reliability;

import io.msgflow.postgres.PostgresCredentials;
import io.msgflow.postgres.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded PostgreSQL of the reliability ITs, which a scenario may stop and start again on
 * the same data directory and port while the application keeps its pool. Each test works in a
 * schema of its own. Always embedded, whatever {@code MSGFLOW_TEST_JDBC_URL} says: the outage
 * scenario must be able to stop it.
 */
final class ReliabilityDatabase implements AutoCloseable {
    static final List<String> TABLES = List.of("notification_messages", "critical_alerts");

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private ReliabilityDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.server = TestPostgres.startAt(dataDirectory, port);
    }

    static ReliabilityDatabase start() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return new ReliabilityDatabase(Files.createTempDirectory(target, "reliability-pg-"), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory of the embedded PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    synchronized void stop() {
        TestPostgres.close(server);
        server = null;
    }

    synchronized void restart() {
        if (server == null) {
            server = TestPostgres.startAt(dataDirectory, port);
        }
    }

    /** Creates {@code schema} empty and returns credentials whose connections work in it. */
    PostgresCredentials freshSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        return PostgresCredentials.fromJdbcUrl(url() + "&currentSchema=" + schema);
    }

    /**
     * Installs in {@code schema} (whose sink tables exist) a statement trigger on every sink table
     * that terminates its own connection inside the insert while a budget lasts: a connection
     * lost before the commit, for real. {@link #killNextInserts} sets the budget.
     */
    void installConnectionKiller(String schema) {
        StringBuilder sql = new StringBuilder()
                .append("CREATE TABLE ").append(schema).append(".fault_budget (kills integer NOT NULL);")
                .append("INSERT INTO ").append(schema).append(".fault_budget VALUES (0);")
                .append("CREATE SEQUENCE ").append(schema).append(".fault_inserts;")
                .append("CREATE FUNCTION ").append(schema).append(".kill_connection() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN")
                .append(" IF nextval('").append(schema).append(".fault_inserts') <= (SELECT kills FROM ").append(schema)
                .append(".fault_budget) THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NULL; END $$;");
        for (String table : TABLES) {
            sql.append("CREATE TRIGGER kill_connection BEFORE INSERT ON ").append(schema).append('.').append(table)
                    .append(" FOR EACH STATEMENT EXECUTE FUNCTION ").append(schema).append(".kill_connection();");
        }
        execute(sql.toString());
    }

    /** The next {@code inserts} insert statements into the sink tables of {@code schema} kill their connection. */
    void killNextInserts(String schema, int inserts) {
        execute("SELECT setval('" + schema + ".fault_inserts', 1, false); UPDATE " + schema + ".fault_budget SET kills = " + inserts);
    }

    /** Rows per message id over the sink tables of {@code schema}. */
    Map<String, Long> rowsById(String schema) {
        Map<String, Long> rows = new HashMap<>();
        query("SELECT message_id, count(*) FROM (" + unionOfIds(schema) + ") AS ids GROUP BY message_id",
                rs -> rows.put(rs.getString(1), rs.getLong(2)));
        return rows;
    }

    long rows(String schema) {
        long[] count = new long[1];
        query("SELECT count(*) FROM (" + unionOfIds(schema) + ") AS ids", rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private static String unionOfIds(String schema) {
        StringBuilder sql = new StringBuilder();
        for (String table : TABLES) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT message_id FROM ").append(schema).append('.').append(table);
        }
        return sql.toString();
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on the embedded PostgreSQL: " + sql, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on the embedded PostgreSQL: " + sql, e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url());
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
        }
    }
}
