package io.msgflow.inmemory;

import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.tck.SinkCompatibilityKit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class InMemorySinkCompatibilityTest extends SinkCompatibilityKit {
    private InMemorySink sink;

    @Override
    protected Sink newSink() {
        sink = new InMemorySink();
        return sink;
    }

    @Override
    protected List<SinkRecord> stored(String type) {
        return sink.rows(type);
    }

    @Override
    protected long count(String messageId) {
        return sink.contains(messageId) ? 1 : 0;
    }

    @Override
    protected SinkRecord refusedRecord(String messageId, String type) {
        return new SinkRecord(messageId, type, "{\"nul\": \"\\u0000\"}", Map.of(), Instant.EPOCH);
    }

    @Override
    protected void failNextWrite() {
        sink.failNextWrites(1);
    }
}
