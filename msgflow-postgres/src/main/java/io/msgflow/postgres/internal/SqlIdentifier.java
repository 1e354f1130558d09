package io.msgflow.postgres.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** Bytes PostgreSQL keeps of an identifier (NAMEDATALEN - 1); it silently truncates longer ones. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int HASH_CHARS = 8;

    /** A validated table name (schema.table) or column name in double quotes, part by part. */
    public static String quote(String validated) {
        int dot = validated.indexOf('.');
        return dot < 0 ? quoteName(validated) : qualified(validated.substring(0, dot), validated.substring(dot + 1));
    }

    /**
     * Any one name, as the catalog holds it, as a quoted identifier: a {@code "} in it is doubled and
     * a dot stays part of the name.
     */
    public static String quoteName(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code name} in {@code schema} (none when null), each quoted on its own. */
    public static String qualified(String schema, String name) {
        return schema == null ? quoteName(name) : quoteName(schema) + '.' + quoteName(name);
    }

    /**
     * A name derived from {@code base} and ending in {@code suffix} that PostgreSQL keeps whole: {@code base + suffix}
     * when it fits in 63 bytes, otherwise {@code base} cut at a character boundary, a hash of the whole
     * {@code base} and the suffix, so two long bases never share a name and the result never equals {@code base}.
     */
    public static String derivedName(String base, String suffix) {
        String whole = base + suffix;
        if (Utf8.length(whole) <= MAX_IDENTIFIER_BYTES) {
            return whole;
        }
        String tail = "_" + hash(base) + suffix;
        int budget = MAX_IDENTIFIER_BYTES - Utf8.length(tail);
        StringBuilder head = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length();) {
            int codePoint = base.codePointAt(i);
            int length = Utf8.length(new String(Character.toChars(codePoint)));
            if (bytes + length > budget) {
                break;
            }
            head.appendCodePoint(codePoint);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        return head + tail;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
