package io.msgflow.postgres;

import java.util.List;

/**
 * The tables of a sink cannot take its writes as they are: a missing table or column, a column of
 * another type, a {@code NOT NULL} column without a default that no mapping fills, no unique key
 * on the id column (or duplicates that prevent one). Thrown by {@link JdbcSink#validateSchema()}
 * before anything is written; nothing was changed in the database. The message lists every
 * problem of every table and the SQL that fixes them, which is also {@link #fixSql()}.
 */
public class SchemaValidationException extends SchemaException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final String fixSql;

    public SchemaValidationException(String message, List<String> tables, List<String> problems, String fixSql) {
        super(message, tables, null);
        this.problems = List.copyOf(problems);
        this.fixSql = fixSql;
    }

    /** Every problem, each starting with its table's name. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The SQL that fixes what SQL can fix, in the order to run it; statements marked as such must
     * run outside a transaction block ({@code CREATE INDEX CONCURRENTLY}). Problems a mapping must
     * fix instead (a column the mapping should fill) are explained in the message.
     */
    public String fixSql() {
        return fixSql;
    }
}
