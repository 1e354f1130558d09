package io.msgflow.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table as the catalog describes it: its columns and its unique indexes. Read, never changed.
 *
 * @param schema the schema the table is in, as the catalog names it (its indexes are there too)
 */
public record TableShape(String name, String schema, Map<String, ColumnShape> columns, List<UniqueIndex> uniqueIndexes) {

    /**
     * A column.
     *
     * @param typeName the type's catalog name ({@code int4}, {@code varchar}, {@code timestamp})
     * @param displayType the type as SQL writes it ({@code character varying(255)})
     * @param generatedAlways an identity {@code GENERATED ALWAYS} or a generated column: no insert may set it
     * @param maxLength the declared length of a {@code varchar(n)} or {@code char(n)}, -1 for any other type or none declared
     */
    public record ColumnShape(String name, String typeName, String displayType, boolean notNull, boolean hasDefault,
                              boolean generated, boolean generatedAlways, int maxLength) {
    }

    /**
     * A unique index.
     *
     * @param columns its key columns, empty when one is an expression
     * @param partial has a {@code WHERE} predicate
     * @param valid false after a failed {@code CREATE INDEX CONCURRENTLY}
     * @param deferrable backs a deferrable constraint
     */
    public record UniqueIndex(String name, List<String> columns, boolean partial, boolean valid, boolean deferrable) {
    }

    private static final String COLUMNS = "SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,"
            + " a.attidentity, a.attgenerated,"
            + " CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod >= 4 THEN a.atttypmod - 4 ELSE -1 END FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    private static final String UNIQUE_INDEXES = "SELECT c.relname, i.indpred IS NOT NULL, i.indisvalid,"
            + " COALESCE((SELECT bool_or(con.condeferrable) FROM pg_constraint con WHERE con.conindid = i.indexrelid), false),"
            + " ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)"
            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.n <= i.indnkeyatts ORDER BY k.n),"
            + " i.indexprs IS NOT NULL"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ? AND i.indisunique ORDER BY c.relname";

    /** The table a (validated) name resolves to, as an insert would resolve it, or empty when there is none. */
    public static Optional<TableShape> read(Connection connection, String table) throws SQLException {
        long oid;
        String schema;
        try (PreparedStatement s = connection.prepareStatement("SELECT c.oid, n.nspname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            s.setString(1, SqlIdentifier.quote(table));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                schema = rs.getString(2);
            }
        }
        return Optional.of(new TableShape(table, schema, columns(connection, oid), uniqueIndexes(connection, oid)));
    }

    private static Map<String, ColumnShape> columns(Connection connection, long oid) throws SQLException {
        Map<String, ColumnShape> columns = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String identity = rs.getString(6);
                    String generated = rs.getString(7);
                    boolean isGenerated = !generated.isEmpty();
                    columns.put(rs.getString(1), new ColumnShape(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5), isGenerated || !identity.isEmpty(), isGenerated || "a".equals(identity), rs.getInt(8)));
                }
            }
        }
        return columns;
    }

    private static List<UniqueIndex> uniqueIndexes(Connection connection, long oid) throws SQLException {
        List<UniqueIndex> indexes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(UNIQUE_INDEXES)) {
            s.setLong(1, oid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array array = rs.getArray(5);
                    List<String> columns = rs.getBoolean(6) ? List.of() : Arrays.asList((String[]) array.getArray());
                    indexes.add(new UniqueIndex(rs.getString(1), columns, rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        return indexes;
    }

    /** Rows whose value of {@code column} another row has too: what a unique index on it would refuse. */
    public static long duplicateRows(Connection connection, String table, String column) throws SQLException {
        String c = SqlIdentifier.quote(column);
        try (PreparedStatement s = connection.prepareStatement("SELECT count(" + c + ") - count(DISTINCT " + c + ") FROM "
                + SqlIdentifier.quote(table));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
