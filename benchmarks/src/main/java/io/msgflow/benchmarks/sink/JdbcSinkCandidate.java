package io.msgflow.benchmarks.sink;

import io.msgflow.postgres.JdbcSink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The shipped sink, through its public API: what users get. */
final class JdbcSinkCandidate implements Candidate {
    @Override
    public String name() {
        return "JdbcSink (unnest text[] + ON CONFLICT, chosen)";
    }

    @Override
    public Idempotence idempotence() {
        return Idempotence.IDEMPOTENT_REPORTS_NEW;
    }

    private final Map<String, JdbcSink> sinks = new HashMap<>();

    @Override
    public void write(DataSource dataSource, String table, List<SinkRecord> records) {
        JdbcSink sink = sinks.computeIfAbsent(table, t -> JdbcSink.builder(dataSource).table(Workload.TYPE, t).build());
        WriteResult result = sink.write(records);
        if (result.written().size() != records.size()) {
            throw new IllegalStateException("JdbcSink wrote " + result.written().size() + " of " + records.size());
        }
    }
}
