package io.msgflow.sink;

import java.util.List;

/**
 * Where processed messages land.
 *
 * <p><b>Atomicity:</b> {@link #write} writes a batch in one transaction: when it returns, every
 * record reported written is committed; when it throws {@link SinkException}, none is.
 * <b>Idempotency:</b> on {@link SinkRecord#messageId()}: writing a record whose id is already in
 * the sink writes nothing and reports it as a duplicate, so a redelivered message never makes a
 * second row. A batch may hold the same id twice; it is written once. <b>Ordering:</b> the
 * outcome does not depend on the order of the records. <b>Threading:</b> implementations are
 * thread-safe; concurrent writes of overlapping batches still write each id once.
 */
public interface Sink extends AutoCloseable {

    /**
     * Writes a batch in one transaction.
     *
     * @throws SinkException when the batch failed as a whole; nothing of it was written
     */
    WriteResult write(List<SinkRecord> records);

    @Override
    default void close() {
    }
}
