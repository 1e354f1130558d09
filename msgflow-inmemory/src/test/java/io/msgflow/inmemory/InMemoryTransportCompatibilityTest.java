package io.msgflow.inmemory;

import io.msgflow.tck.KitTiming;
import io.msgflow.tck.TransportCompatibilityKit;
import io.msgflow.transport.MessageTransport;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The transport kit on the emulator, all features, on a virtual clock. Long polls follow the clock
 * only ({@link LongPollWait#CLOCK_ONLY}), so a kit test that relied on real time passing would hang
 * instead of passing by luck.
 */
class InMemoryTransportCompatibilityTest extends TransportCompatibilityKit {
    private final TestClock clock = TestClock.create();
    private final InMemoryTransport transport = InMemoryTransport.builder().clock(clock).longPollWait(LongPollWait.CLOCK_ONLY).build();

    @AfterEach
    void closeTransport() {
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
    protected KitTiming timing() {
        return KitTiming.virtualClock();
    }
}
