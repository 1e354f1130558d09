package io.msgflow.processing;

import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.TestClock;
import io.msgflow.inmemory.TestScheduler;
import io.msgflow.tck.ConsumerCompatibilityKit;
import io.msgflow.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The consumer kit on the in-memory transport, on virtual time: a TestClock and a TestScheduler on it. */
class InMemoryConsumerCompatibilityTest extends ConsumerCompatibilityKit {
    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).build();
    private final TestScheduler scheduler = TestScheduler.on(clock);

    @AfterEach
    void close() {
        scheduler.close();
        transport.close();
    }

    @Override
    protected MessageTransport transport() {
        return transport;
    }

    @Override
    protected void advanceTime(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Clock clock() {
        return clock;
    }

    @Override
    protected Optional<ConsumerScheduler> scheduler() {
        return Optional.of(scheduler);
    }

    @Override
    protected KitTime time() {
        return KitTime.VIRTUAL;
    }
}
