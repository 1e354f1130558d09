package io.msgflow.postgres.internal;

import io.msgflow.internal.Json;
import io.msgflow.postgres.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The text a column value travels as; PostgreSQL casts it to the column's type. */
public final class ColumnText {
    private ColumnText() {
    }

    public static String of(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (type == ColumnType.JSONB) {
            return Json.write(value);
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (type == ColumnType.TIMESTAMP) {
            Instant utc = value instanceof Instant ? (Instant) value : value instanceof OffsetDateTime ? ((OffsetDateTime) value).toInstant()
                    : value instanceof ZonedDateTime ? ((ZonedDateTime) value).toInstant() : null;
            if (utc != null) {
                return utc.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
            }
        }
        if (value instanceof ZonedDateTime) {
            return ((ZonedDateTime) value).toOffsetDateTime().toString();
        }
        return value.toString();
    }
}
