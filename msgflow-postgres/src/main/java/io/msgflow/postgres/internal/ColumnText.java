package io.msgflow.postgres.internal;

import io.msgflow.internal.Json;
import io.msgflow.postgres.ColumnType;
import java.math.BigDecimal;
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
        if (value instanceof ZonedDateTime) {
            return ((ZonedDateTime) value).toOffsetDateTime().toString();
        }
        return value.toString();
    }
}
