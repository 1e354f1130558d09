package io.msgflow.reliability;

import io.msgflow.inmemory.AwaitTimeoutException;
import io.msgflow.inmemory.InMemorySink;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.internal.Durations;
import io.msgflow.sink.Sink;
import io.msgflow.sink.SinkRecord;
import io.msgflow.transport.MessageTransport;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The in-memory transport on a {@link TestClock} with an {@link InMemorySink}: time moves only
 * when the scenario moves it, and the database's faults are the sink's {@code failNextWrites}.
 */
final class InMemorySetup implements Setup {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(100);
    /** More writes than any scenario makes while the database is down. */
    private static final int OUTAGE_WRITES = 1000;

    private final Scale scale;
    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final InMemorySink sink = new InMemorySink();

    InMemorySetup(Scale scale) {
        this.scale = scale;
    }

    @Override
    public MessageTransport transport() {
        return transport;
    }

    @Override
    public Sink sink() {
        return sink;
    }

    @Override
    public Map<String, Long> sinkRows() {
        return TotalQueueCheck.countBy(sink.rows(), SinkRecord::messageId);
    }

    @Override
    public long sinkCount() {
        return sink.count();
    }

    @Override
    public int messagesOn(String queue) {
        return transport.stats(queue).total();
    }

    @Override
    public void failNextWrites(int writes) {
        sink.failNextWrites(writes);
    }

    @Override
    public void stopDatabase() {
        sink.failNextWrites(OUTAGE_WRITES);
    }

    @Override
    public void startDatabase() {
        sink.failNextWrites(0);
    }

    @Override
    public Duration visibilityTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration receiveWait() {
        return Duration.ZERO;
    }

    @Override
    public Duration consumerWait() {
        return Duration.ofMillis(50);
    }

    @Override
    public void passTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public void idle() {
        clock.advance(TICK);
    }

    @Override
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                transport.await(QUIET, condition);
                return;
            } catch (AwaitTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + Durations.format(timeout) + ": " + what, e);
                }
                clock.advance(TICK);
            }
        }
    }

    @Override
    public int messages() {
        return scale.of(1_000);
    }

    @Override
    public int concurrentMessages() {
        return scale.of(100_000);
    }

    @Override
    public void close() {
        transport.close();
    }
}
