package io.msgflow.lambda;

/** Whether a function creates its tables, once per container, before its first write. */
public enum SchemaSetup {
    /** The tables exist (created by a migration or the stack); the function only writes. The default. */
    EXISTING,
    /**
     * Checks the tables of {@code MSGFLOW_TABLES} before the first write (columns, types, the unique
     * key on {@code message_id}) and fails the invocation with every problem and the SQL that fixes
     * it; creates and changes nothing.
     */
    VALIDATE,
    /**
     * Creates the tables of {@code MSGFLOW_TABLES} that are missing, in msgflow's standard layout,
     * then validates them as {@link #VALIDATE} does: a table of that name in another shape is
     * reported, never changed.
     */
    CREATE_IF_MISSING
}
