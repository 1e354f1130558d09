package io.msgflow.inmemory.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random (version 4) UUIDs for SNS and SQS message ids, without the contended SecureRandom of {@link UUID#randomUUID()}. */
final class Ids {
    private Ids() {
    }

    static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** A FIFO sequence number as SNS and SQS show it: a 20-digit decimal that grows with every message. */
    static String sequenceNumber(long sequence) {
        return String.format("1%019d", sequence);
    }
}
