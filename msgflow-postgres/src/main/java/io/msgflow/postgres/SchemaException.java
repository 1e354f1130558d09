package io.msgflow.postgres;

import io.msgflow.MsgflowException;
import java.util.List;

/** The tables of a sink could not be created; nothing of the schema change was kept. */
public class SchemaException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final List<String> tables;

    public SchemaException(String message, List<String> tables, Throwable cause) {
        super(message, cause);
        this.tables = List.copyOf(tables);
    }

    /** The tables the failed change was to create. */
    public List<String> tables() {
        return tables;
    }
}
