package io.msgflow.postgres.internal;

import io.msgflow.postgres.ColumnType;
import io.msgflow.postgres.SchemaValidationException;
import io.msgflow.postgres.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks a table against the mapping that writes it, from the catalog only (nothing is changed):
 * the table, the id column and its unique key, the mapped columns and their types, and the
 * columns the mapping leaves to the database. Says what is wrong and the SQL that fixes it.
 */
public final class SchemaCheck {
    /**
     * Characters a {@code varchar(n)} id column must hold at least: the longest id the sink promises to
     * store (msgflow's UUIDs and SNS/SQS MessageIds are 36; longer foreign ids up to this are common).
     */
    public static final int MIN_ID_LENGTH = 128;
    private static final Map<ColumnType, Set<String>> CATALOG_TYPES = Map.ofEntries(
            Map.entry(ColumnType.TEXT, Set.of("text", "varchar", "bpchar")),
            Map.entry(ColumnType.JSONB, Set.of("jsonb")),
            Map.entry(ColumnType.BIGINT, Set.of("int8")),
            Map.entry(ColumnType.INTEGER, Set.of("int4")),
            Map.entry(ColumnType.NUMERIC, Set.of("numeric")),
            Map.entry(ColumnType.DOUBLE_PRECISION, Set.of("float8")),
            Map.entry(ColumnType.BOOLEAN, Set.of("bool")),
            Map.entry(ColumnType.TIMESTAMPTZ, Set.of("timestamptz")),
            Map.entry(ColumnType.TIMESTAMP, Set.of("timestamp")),
            Map.entry(ColumnType.DATE, Set.of("date")),
            Map.entry(ColumnType.UUID, Set.of("uuid")));

    private final TableMapping mapping;
    private final String table;
    private final List<String> problems = new ArrayList<>();
    private final List<String> fixes = new ArrayList<>();

    private SchemaCheck(TableMapping mapping) {
        this.mapping = mapping;
        this.table = SqlIdentifier.quote(mapping.table());
    }

    /** What one table lacks: problems in words, fixes as SQL statements each preceded by a comment line. */
    public record Report(String table, List<String> problems, List<String> fixes) {
    }

    public static Report check(Connection connection, TableMapping mapping) throws SQLException {
        SchemaCheck check = new SchemaCheck(mapping);
        Optional<TableShape> shape = TableShape.read(connection, mapping.table());
        if (shape.isEmpty()) {
            check.missingTable();
        } else {
            check.columns(shape.get());
            if (shape.get().columns().containsKey(mapping.idColumn())) {
                check.uniqueKey(connection, shape.get());
            }
        }
        return new Report(mapping.table(), check.problems, check.fixes);
    }

    private void missingTable() {
        problems.add("the table does not exist");
        fix("create it", mapping.isStandard() ? SchemaSql.messageTable(mapping.table()).replaceAll("(?m)^--.*\\R", "").trim() : createTable());
    }

    private String createTable() {
        StringJoiner columns = new StringJoiner(",\n    ", "CREATE TABLE " + table + " (\n    ", "\n)");
        columns.add(SqlIdentifier.quote(mapping.idColumn()) + " text NOT NULL UNIQUE");
        mapping.columns().forEach(c -> columns.add(SqlIdentifier.quote(c.name()) + " " + c.type().sqlName()));
        return columns.toString();
    }

    private void columns(TableShape shape) {
        Set<String> mapped = new HashSet<>();
        mapped.add(mapping.idColumn());
        TableShape.ColumnShape id = shape.columns().get(mapping.idColumn());
        if (id == null) {
            problems.add("it has no id column \"" + mapping.idColumn() + "\", which holds the " + mapping.recordId());
            fix("add the id column", "ALTER TABLE " + table + " ADD COLUMN " + SqlIdentifier.quote(mapping.idColumn()) + " text");
        } else {
            checkType(id, ColumnType.TEXT, "id column");
            checkIdLength(id);
        }
        for (TableMapping.Column column : mapping.columns()) {
            mapped.add(column.name());
            TableShape.ColumnShape found = shape.columns().get(column.name());
            if (found == null) {
                problems.add("column \"" + column.name() + "\" (" + column.type().sqlName() + ") is mapped but does not exist");
                fix("add column \"" + column.name() + "\"", "ALTER TABLE " + table + " ADD COLUMN " + SqlIdentifier.quote(column.name())
                        + " " + column.type().sqlName());
            } else {
                checkType(found, column.type(), "column");
            }
        }
        shape.columns().values().stream().filter(c -> !mapped.contains(c.name())).forEach(this::checkLeftToTheDatabase);
    }

    private void checkType(TableShape.ColumnShape column, ColumnType written, String what) {
        if (column.generatedAlways()) {
            problems.add(what + " \"" + column.name() + "\" is GENERATED ALWAYS by the database, so no insert may set it:"
                    + " leave it out of the mapping");
        } else if (!CATALOG_TYPES.get(written).contains(column.typeName())) {
            problems.add(what + " \"" + column.name() + "\" is " + column.displayType() + ", but the mapping writes "
                    + written.sqlName() + suggestedType(column));
        }
    }

    private void checkIdLength(TableShape.ColumnShape id) {
        String problem;
        if (id.typeName().equals("bpchar")) {
            problem = "pads every shorter id with spaces, so an id would not read back as it was written";
        } else if (id.typeName().equals("varchar") && id.maxLength() >= 0 && id.maxLength() < MIN_ID_LENGTH) {
            problem = "holds fewer than the " + MIN_ID_LENGTH + " characters an id may have, so a longer id would be refused"
                    + " (SQLState 22001)";
        } else {
            return;
        }
        problems.add("id column \"" + id.name() + "\" is " + id.displayType() + ", which " + problem + ": make it text");
        fix("make the id column text", "ALTER TABLE " + table + " ALTER COLUMN " + SqlIdentifier.quote(id.name()) + " TYPE text");
    }

    private static String suggestedType(TableShape.ColumnShape column) {
        return CATALOG_TYPES.entrySet().stream().filter(e -> e.getValue().contains(column.typeName())).findFirst()
                .map(e -> ": map it as ColumnType." + e.getKey().name()).orElse("");
    }

    private void checkLeftToTheDatabase(TableShape.ColumnShape column) {
        if (!column.notNull() || column.hasDefault() || column.generated()) {
            return;
        }
        boolean time = column.typeName().equals("timestamp") || column.typeName().equals("timestamptz");
        String fill = time
                ? "writeTimeColumn(\"" + column.name() + "\", ColumnType." + (column.typeName().equals("timestamp") ? "TIMESTAMP" : "TIMESTAMPTZ")
                        + ") in the mapping, or give it a default: ALTER TABLE " + table + " ALTER COLUMN " + SqlIdentifier.quoteName(column.name())
                        + " SET DEFAULT " + (column.typeName().equals("timestamp") ? "(now() AT TIME ZONE 'UTC')" : "now()")
                : "a column(\"" + column.name() + "\", …) of the mapping, or give it a default (ALTER TABLE " + table + " ALTER COLUMN "
                        + SqlIdentifier.quoteName(column.name()) + " SET DEFAULT …)";
        problems.add("column \"" + column.name() + "\" (" + column.displayType() + ") is NOT NULL without a default and the mapping"
                + " gives it no value, so every insert would fail (SQLState 23502): fill it with " + fill);
    }

    private void uniqueKey(Connection connection, TableShape shape) throws SQLException {
        List<String> id = List.of(mapping.idColumn());
        List<String> unusable = new ArrayList<>();
        for (TableShape.UniqueIndex index : shape.uniqueIndexes()) {
            if (!index.columns().equals(id)) {
                continue;
            }
            if (index.valid() && !index.partial() && !index.deferrable()) {
                return;
            }
            String name = SqlIdentifier.quoteName(index.name());
            if (!index.valid()) {
                unusable.add("index " + name + " is INVALID (left by a failed CREATE INDEX CONCURRENTLY)");
                fix("drop the invalid index (outside a transaction block)",
                        "DROP INDEX CONCURRENTLY " + SqlIdentifier.qualified(shape.schema(), index.name()));
            } else {
                unusable.add("index " + name + " is " + (index.partial() ? "partial (it has a WHERE clause)" : "DEFERRABLE")
                        + ", which ON CONFLICT cannot use");
            }
        }
        long duplicates = TableShape.duplicateRows(connection, mapping.table(), mapping.idColumn());
        String column = SqlIdentifier.quote(mapping.idColumn());
        problems.add("no unique constraint or index on (" + mapping.idColumn() + "), which idempotent writes (INSERT … ON CONFLICT ("
                + mapping.idColumn() + ") DO NOTHING) need: every write would fail (SQLState 42P10)"
                + (unusable.isEmpty() ? "" : "; " + String.join("; ", unusable))
                + (duplicates == 0 ? "" : "; " + duplicates + " rows repeat the " + mapping.idColumn() + " of an earlier row and must go first"));
        if (duplicates > 0) {
            fix("remove the duplicate rows, keeping the first of each " + mapping.idColumn() + " (repeat if a writer adds more before the index is built)",
                    "DELETE FROM " + table + " AS d USING " + table + " AS k WHERE d." + column + " = k." + column + " AND d.ctid > k.ctid");
        }
        String index = SqlIdentifier.quoteName(indexName(mapping.table(), mapping.idColumn()));
        fix("build the unique index without blocking writers (outside a transaction block; if it fails, drop the INVALID index it"
                + " leaves with DROP INDEX CONCURRENTLY and repeat from the DELETE)",
                "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + table + " (" + column + ")");
        fix("optional: attach it as a unique constraint (a brief lock, no scan)",
                "ALTER TABLE " + table + " ADD CONSTRAINT " + index + " UNIQUE USING INDEX " + index);
    }

    /** The name of the unique index the fix builds: PostgreSQL's own {@code table_column_key} pattern, bounded so it is kept whole. */
    static String indexName(String table, String idColumn) {
        return SqlIdentifier.derivedName(table.substring(table.indexOf('.') + 1) + "_" + idColumn, "_key");
    }

    private void fix(String comment, String sql) {
        fixes.add("-- " + comment + "\n" + sql + ";");
    }

    /** The one exception for every table with a problem, or empty when all fit. */
    public static Optional<SchemaValidationException> failure(List<Report> reports) {
        List<String> tables = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Report report : reports) {
            if (!report.problems().isEmpty()) {
                tables.add(report.table());
                report.problems().forEach(p -> problems.add("table " + report.table() + ": " + p));
                fixes.addAll(report.fixes());
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("tables " + tables + " cannot take the sink's writes as they are (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "); nothing was written or changed:");
        problems.forEach(p -> message.append("\n  - ").append(p));
        String fixSql = String.join("\n", fixes);
        if (!fixes.isEmpty()) {
            message.append("\nSQL that fixes it, each statement on its own with auto-commit (CREATE INDEX CONCURRENTLY cannot run in"
                    + " a transaction block):\n").append(fixSql.replaceAll("(?m)^", "  "));
        }
        return Optional.of(new SchemaValidationException(message.toString(), tables, problems, fixSql));
    }
}
