package io.msgflow.inmemory;

import io.msgflow.tck.DeadLetterQueueCompatibilityKit;
import io.msgflow.tck.KitTiming;
import io.msgflow.transport.MessageTransport;
import org.junit.jupiter.api.AfterEach;

/** The dead-letter queue kit on the emulator, on a virtual clock. */
class InMemoryDeadLetterQueueCompatibilityTest extends DeadLetterQueueCompatibilityKit {
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
    protected KitTiming timing() {
        return KitTiming.virtualClock();
    }
}
