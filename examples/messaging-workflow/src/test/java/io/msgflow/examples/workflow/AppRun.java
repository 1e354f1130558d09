package io.msgflow.examples.workflow;

import io.msgflow.postgres.PostgresCredentials;
import io.msgflow.postgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One in-process run of {@link WorkflowApp}: its exit code and what it printed, with helpers to read the summary and the tables. */
record AppRun(int exitCode, String out, String err) {

    static AppRun of(List<String> args, Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WorkflowApp.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return new AppRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static AppRun of(String... args) {
        return of(List.of(args), Map.of());
    }

    /** The summary's table line of a message type, its cells in order (commas removed from numbers). */
    List<String> summaryLine(String messageType) {
        return out.lines().map(String::trim).filter(line -> line.startsWith(messageType + " "))
                .map(line -> Arrays.stream(line.split("\\s+")).map(cell -> cell.matches("[0-9,]+") ? cell.replace(",", "") : cell).toList())
                .findFirst().orElseThrow(() -> new AssertionError("no summary line for " + messageType + " in:\n" + out + err));
    }

    /** The command-line options and environment that point the app at a fresh schema of the test PostgreSQL. */
    record Database(String schema, List<String> options, Map<String, String> environment) {

        static Database freshSchema(String schema) {
            PostgresCredentials credentials = TestPostgres.get().freshSchema(schema);
            List<String> options = new ArrayList<>(List.of("--jdbc-url", credentials.jdbcUrl()));
            credentials.username().ifPresent(user -> options.addAll(List.of("--db-user", user)));
            Map<String, String> environment = new HashMap<>();
            externalPassword().ifPresent(password -> environment.put(AppOptions.PASSWORD_VARIABLE, password));
            return new Database(schema, options, environment);
        }

        /** The password of an external test server ({@code MSGFLOW_TEST_JDBC_URL}); the embedded one needs none. */
        private static Optional<String> externalPassword() {
            String url = System.getenv(TestPostgres.EXTERNAL_URL_VARIABLE);
            if (url == null || !url.contains("password=")) {
                return Optional.empty();
            }
            String password = url.substring(url.indexOf("password=") + "password=".length());
            return Optional.of(password.contains("&") ? password.substring(0, password.indexOf('&')) : password);
        }

        /** The rows of a table of this schema, each as "message_type|body field", in message id order. */
        List<String> rows(String table, String bodyField) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT message_type, body->>'" + bodyField + "' FROM " + schema + "." + table
                         + " ORDER BY message_id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
            return rows;
        }

        /** Distinct message ids of a table of this schema. */
        long distinctIds(String table) throws SQLException {
            try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(DISTINCT message_id) FROM " + schema + "." + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
