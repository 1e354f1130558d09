package io.msgflow.postgres;

/**
 * PostgreSQL type of a mapped column. Values travel as text and are cast by the database, so a
 * value the type cannot hold is refused by PostgreSQL itself and that record is reported as
 * rejected.
 */
public enum ColumnType {
    TEXT("text"),
    JSONB("jsonb"),
    BIGINT("bigint"),
    INTEGER("integer"),
    NUMERIC("numeric"),
    DOUBLE_PRECISION("double precision"),
    BOOLEAN("boolean"),
    TIMESTAMPTZ("timestamptz"),
    /**
     * {@code timestamp} without time zone, as tables of other systems often have: an
     * {@code Instant} (or a zoned time) is stored as its UTC wall-clock time.
     */
    TIMESTAMP("timestamp"),
    DATE("date"),
    UUID("uuid");

    private final String sqlName;

    ColumnType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name PostgreSQL knows the type by, e.g. {@code double precision}. */
    public String sqlName() {
        return sqlName;
    }
}
