package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.internal.Row;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Streams rows to {@code COPY … FROM STDIN} in PostgreSQL's text format, in chunks of about 1 MiB. */
final class CopyText {
    private static final int CHUNK_CHARS = 1 << 20;

    private CopyText() {
    }

    /** Runs the COPY statement and sends the rows; returns the number of rows copied. */
    static long copy(Connection connection, String copySql, List<Row> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
            for (Row row : rows) {
                appendRow(chunk, row);
                if (chunk.length() >= CHUNK_CHARS) {
                    send(copy, chunk);
                }
            }
            send(copy, chunk);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static void appendRow(StringBuilder out, Row row) {
        appendField(out, row.messageId());
        for (String value : row.values()) {
            out.append('\t');
            appendField(out, value);
        }
        out.append('\n');
    }

    private static void appendField(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    out.append(ch);
            }
        }
    }
}
