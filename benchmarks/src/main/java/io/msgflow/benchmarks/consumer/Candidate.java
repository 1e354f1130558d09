package io.msgflow.benchmarks.consumer;

import io.msgflow.benchmarks.transport.BenchMessages.Checksum;

/** A consumer under test: drains a preloaded queue, doing the same work per message as every other candidate. */
interface Candidate extends AutoCloseable {

    String name();

    /**
     * Starts consuming {@code queue} and returns the nanoseconds from the start to the last
     * confirmed delete of its messages; every message is handed to {@code checksum} once.
     */
    long drain(BenchQueue queue, Checksum checksum) throws Exception;

    @Override
    default void close() {
    }
}
