package io.msgflow.benchmarks.sink;

import io.msgflow.sink.SinkRecord;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** One way of landing records in a table, measured by {@link SinkBenchmark}. */
interface Candidate {

    /** Whether writing the same records again is harmless, and whether the duplicates are known. */
    enum Idempotence {
        /** Idempotent, and the write knows which records were new (what a {@code WriteResult} needs). */
        IDEMPOTENT_REPORTS_NEW,
        /** Idempotent, but the write cannot tell new records from duplicates. */
        IDEMPOTENT_SILENT,
        /** A repeated id fails the write (or would make a second row without the unique constraint). */
        NOT_IDEMPOTENT
    }

    String name();

    Idempotence idempotence();

    /** Writes and commits the records into the table (standard layout). */
    void write(DataSource dataSource, String table, List<SinkRecord> records) throws SQLException;
}
