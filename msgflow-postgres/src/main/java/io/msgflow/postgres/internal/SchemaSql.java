package io.msgflow.postgres.internal;

import io.msgflow.MsgflowException;
import io.msgflow.postgres.TableMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The DDL shipped as resources under {@code io/msgflow/postgres/}, filled with validated, quoted names. */
public final class SchemaSql {
    /** Serialises concurrent schema creation by several processes (CREATE ... IF NOT EXISTS alone races). */
    private static final long LOCK_KEY = 0x6d7367666c6f77L;

    private SchemaSql() {
    }

    public static String messageTable(String table) {
        return resource("message-table.sql").replace("${table}", SqlIdentifier.quote(table));
    }

    public static String schema(String schema) {
        return resource("schema.sql").replace("${schema}", SqlIdentifier.quote(schema));
    }

    /** The statements that create the standard tables (and their schemas) that are missing. */
    public static List<String> statements(Collection<TableMapping> mappings) {
        List<String> statements = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            if (mapping.isStandard()) {
                String schema = SqlIdentifier.schemaOf(mapping.table());
                if (schema != null) {
                    statements.add(schema(schema));
                }
                statements.add(messageTable(mapping.table()));
            }
        }
        return statements;
    }

    /** Runs the statements in one transaction on the connection (auto-commit off). */
    public static void apply(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = SchemaSql.class.getResourceAsStream("/io/msgflow/postgres/" + name)) {
            if (in == null) {
                throw new MsgflowException("resource io/msgflow/postgres/" + name + " is missing from the msgflow-postgres jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
