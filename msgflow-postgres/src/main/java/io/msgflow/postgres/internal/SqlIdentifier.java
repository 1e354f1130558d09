package io.msgflow.postgres.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Table and column names from configuration. A name is accepted only if it is a plain lower-case
 * SQL identifier, so it can be quoted safely into a statement; anything else is rejected, never
 * escaped or interpolated.
 */
public final class SqlIdentifier {
    private static final String PART = "[a-z_][a-z0-9_]{0,62}";
    private static final Pattern COLUMN = Pattern.compile(PART);
    private static final Pattern TABLE = Pattern.compile("(?:" + PART + "\\.)?" + PART);
    private static final String RULE = "must be a lower-case SQL identifier (a-z, 0-9 and _, not starting with a digit,"
            + " at most 63 characters)";

    private SqlIdentifier() {
    }

    /** A table name, optionally schema-qualified; system schemas are refused. */
    public static String table(String setting, String name) {
        Check.matches(setting, name, TABLE, RULE + ", optionally qualified by a schema as in schema.table");
        int dot = name.indexOf('.');
        if (dot > 0) {
            String schema = name.substring(0, dot).toLowerCase(Locale.ROOT);
            if (schema.startsWith("pg_") || schema.equals("information_schema")) {
                throw new InvalidConfigurationException(setting,
                        "`" + setting + "` must not be in a system schema (pg_*, information_schema), but was '" + name + "'");
            }
        }
        return name;
    }

    public static String column(String setting, String name) {
        return Check.matches(setting, name, COLUMN, RULE);
    }

    /** The schema part of a validated table name, if any. */
    public static String schemaOf(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? null : table.substring(0, dot);
    }

    /** A validated identifier (or schema.table) in double quotes, part by part. */
    public static String quote(String validated) {
        int dot = validated.indexOf('.');
        return dot < 0 ? '"' + validated + '"' : quote(validated.substring(0, dot)) + '.' + quote(validated.substring(dot + 1));
    }
}
