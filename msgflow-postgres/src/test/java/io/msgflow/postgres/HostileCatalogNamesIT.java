package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.msgflow.sink.SinkRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names msgflow reads from the catalog and writes into problems and fix SQL: whatever another
 * writer named its indexes and columns (quotes, semicolons, dots), the fix SQL names exactly them
 * and does nothing else; names msgflow derives stay distinct under PostgreSQL's 63-byte limit.
 */
class HostileCatalogNamesIT {
    private static final String SCHEMA = "hostile_it";

    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        TestPostgres postgres = TestPostgres.get();
        pool = postgres.pool(postgres.freshSchema(SCHEMA), 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void anInvalidIndexWhoseNameCarriesSqlIsDroppedByItsNameAndNothingElseRuns() {
        String name = "x\"; DROP TABLE victim; --";
        tableWithInvalidUniqueIndex("injected", name);
        SqlProbe.execute(pool, "CREATE TABLE victim (x int)");

        String fixSql = fixSqlOf("injected");

        assertThat(fixSql).contains("DROP INDEX CONCURRENTLY \"" + SCHEMA + "\".\"x\"\"; DROP TABLE victim; --\";");
        runLineByLine(fixSql);
        assertThat(SqlProbe.queryOne(pool, "SELECT count(*) FROM pg_class WHERE relname = 'victim'")).isEqualTo("1");
        assertThat(sink("injected").validateSchema()).isNotNull();
    }

    @Test
    void anIndexNameWithADotIsOneNameInTheTablesSchema() {
        tableWithInvalidUniqueIndex("dotted", "Bad.Idx");

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink("dotted")::validateSchema);

        assertThat(e.fixSql()).contains("DROP INDEX CONCURRENTLY \"" + SCHEMA + "\".\"Bad.Idx\";");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("index \"Bad.Idx\" is INVALID"));
        runLineByLine(e.fixSql());
        assertThat(sink("dotted").validateSchema()).isNotNull();
    }

    @Test
    void catalogColumnNamesInTheFixTextAreQuotedWhole() {
        SqlProbe.execute(pool, "DROP TABLE IF EXISTS odd_columns; CREATE TABLE odd_columns (message_id text UNIQUE, body text,"
                + " \"a.b\" int NOT NULL, \"q\"\"x\" int NOT NULL)");

        SchemaValidationException e = catchThrowableOfType(SchemaValidationException.class, sink("odd_columns")::validateSchema);

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("ALTER TABLE \"odd_columns\" ALTER COLUMN \"a.b\" SET DEFAULT"))
                .anySatisfy(p -> assertThat(p).contains("ALTER TABLE \"odd_columns\" ALTER COLUMN \"q\"\"x\" SET DEFAULT"));
    }

    @Test
    void aTableNameOf63CharactersGetsAUniqueIndexWhoseNameDiffersFromTheTables() {
        String name = "t".repeat(63);
        SqlProbe.execute(pool, "CREATE TABLE " + name + " (message_id text, body text)");

        runLineByLine(fixSqlOf(name));

        assertThat(sink(name).validateSchema()).isNotNull();
    }

    private static JdbcSink sink(String table) {
        return JdbcSink.builder(pool).table("t", TableMapping.builder(table).column("body", ColumnType.TEXT, SinkRecord::body).build()).build();
    }

    private static String fixSqlOf(String table) {
        return catchThrowableOfType(SchemaValidationException.class, sink(table)::validateSchema).fixSql();
    }

    /** A table whose unique index on message_id was left INVALID by a CREATE INDEX CONCURRENTLY that met a duplicate. */
    private static void tableWithInvalidUniqueIndex(String table, String index) {
        SqlProbe.execute(pool, "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (message_id text, body text);"
                + "INSERT INTO " + table + " VALUES ('dup', 'a'), ('dup', 'b')");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE UNIQUE INDEX CONCURRENTLY \"" + index.replace("\"", "\"\"") + "\" ON " + table + " (message_id)");
            throw new IllegalStateException("the index was built, but the test needs it INVALID");
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("23505");
        }
        SqlProbe.execute(pool, "DELETE FROM " + table + " WHERE body = 'b'");
    }

    /** Runs each statement of a fix script (one per line after its comment line) on its own with auto-commit. */
    private static void runLineByLine(String fixSql) {
        List<String> statements = new ArrayList<>();
        for (String line : fixSql.split("\n")) {
            if (!line.startsWith("--")) {
                statements.add(line.substring(0, line.length() - 1));
            }
        }
        SqlProbe.executeEach(pool, statements, fixSql);
    }
}
