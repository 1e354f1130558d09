package io.msgflow.lambda;

/** Whether a function creates its tables, once per container, before its first write. */
public enum SchemaSetup {
    /** The tables exist (created by a migration or the stack); the function only writes. The default. */
    EXISTING,
    /** Creates the tables of {@code MSGFLOW_TABLES} that are missing, in msgflow's standard layout. */
    CREATE_IF_MISSING
}
