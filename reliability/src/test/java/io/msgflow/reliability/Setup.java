package io.msgflow.reliability;

import io.msgflow.sink.Sink;
import io.msgflow.transport.MessageTransport;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A transport and a sink the scenarios run on, the faults they inject into them, and how time
 * passes there (a test clock that the scenario moves, or the wall clock). One per test.
 */
interface Setup extends AutoCloseable {

    MessageTransport transport();

    /** The sink under test; the scenarios wrap it in a {@link RecordingSink}. */
    Sink sink();

    /** Rows per message id, read from the sink's own store. */
    Map<String, Long> sinkRows();

    /** Rows in the sink over all types. */
    long sinkCount();

    /** Messages on a queue in any state: visible, in flight or delayed. */
    int messagesOn(String queue);

    /** The next {@code writes} sink writes lose their database connection before the commit. */
    void failNextWrites(int writes);

    /** The database goes down: every write fails as a whole until {@link #startDatabase()}. */
    void stopDatabase();

    void startDatabase();

    /** The work queue's visibility timeout. */
    Duration visibilityTimeout();

    /** The wait of one receive of a scenario that drives the processor itself. */
    Duration receiveWait();

    /** The long-poll wait of a {@code MessageConsumer}'s pollers. */
    Duration consumerWait();

    /** Lets {@code duration} pass for the transport: moves the test clock, or waits in real time. */
    void passTime(Duration duration);

    /** After an empty receive: lets time move toward the next visibility deadline, if it does not on its own. */
    void idle();

    /**
     * Waits until {@code condition} holds, in real time (other threads do the work). Time passes
     * for the transport meanwhile, as it would: a test clock moves on whenever nothing happened
     * for a moment, so retries parked on a visibility delay come back.
     *
     * @throws AssertionError naming {@code what} when it did not hold within {@code timeout}
     */
    void await(String what, Duration timeout, BooleanSupplier condition);

    /** Messages of one ordinary scenario. */
    int messages();

    /** Messages of the scenario of many messages through concurrent consumers. */
    int concurrentMessages();

    @Override
    void close();
}
