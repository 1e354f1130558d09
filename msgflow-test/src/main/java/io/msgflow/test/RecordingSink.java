package io.msgflow.test;

import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A sink that records every write of its delegate, and the failure of a write that threw. */
final class RecordingSink implements Sink {
    private final Sink delegate;
    private final TrafficLog log;
    private final Clock clock;

    RecordingSink(Sink delegate, TrafficLog log, Clock clock) {
        this.delegate = delegate;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public WriteResult write(List<SinkRecord> records) {
        try {
            WriteResult result = delegate.write(records);
            log.add(new TrafficEvent.SinkWrite(clock.instant(), records, Optional.of(result), Optional.empty()));
            return result;
        } catch (SinkException e) {
            log.add(new TrafficEvent.SinkWrite(clock.instant(), records, Optional.empty(), Optional.of(e.getMessage())));
            throw e;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
