package io.msgflow.transport;

import io.msgflow.topology.QueueSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads one queue.
 *
 * <p><b>Delivery:</b> at-least-once. A received message stays on the queue, invisible for the
 * queue's visibility timeout; it is removed only by {@link #acknowledge}. If not acknowledged in
 * time it is delivered again with a higher receive count; after the queue's
 * {@code maxReceiveCount} it moves to the dead-letter queue. <b>Ordering:</b> none on standard
 * queues; FIFO queues deliver each message group in order and hold back the rest of a group while
 * one of its messages is in flight. <b>Threading:</b> implementations are thread-safe; several
 * threads may receive from one source at once. Batch operations take at most
 * {@value io.msgflow.MessageLimits#MAX_BATCH_ENTRIES} entries and report each entry's outcome.
 */
public interface MessageSource extends AutoCloseable {

    /** The queue's name. */
    String queue();

    /**
     * The declaration of the queue this source reads, as the topology it came from declares it
     * (visibility timeout, redrive policy to the dead-letter queue with its {@code maxReceiveCount}),
     * or empty when the source does not know it. Processors read the redrive policy from it: a
     * message that failed for good on a queue without a dead-letter queue is kept, not claimed
     * dead-lettered, and a transient failure on the last receive the queue allows is dead-lettered
     * with its reason rather than left to the redrive.
     */
    default Optional<QueueSpec> declaration() {
        return Optional.empty();
    }

    /**
     * Receives up to {@code maxMessages} (1 to 10), waiting up to {@code wait} (0 to 20 s) for the
     * first one to arrive; returns as soon as messages are available. An interrupt of the calling
     * thread ends the wait promptly: the call returns nothing (or throws) with the interrupt flag
     * set, and whatever the aborted poll still receives is made visible again at once.
     *
     * @return the deliveries, possibly none when the wait lapsed
     */
    List<ReceivedMessage> receive(int maxMessages, Duration wait);

    /** Deletes the messages of these deliveries from the queue. */
    OperationResult acknowledge(Collection<ReceivedMessage> messages);

    /**
     * Makes these deliveries visible again after {@code timeout} (0 to 12 h from now): zero hands
     * them back at once, a longer value extends the time a handler has.
     */
    OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout);

    /**
     * Moves deliveries to the queue's dead-letter queue at once, recording each reason as the
     * message attribute {@value #DEAD_LETTER_REASON_ATTRIBUTE}, and deletes them from this queue.
     * For permanent failures that retrying cannot fix. Each entry's outcome is reported; the copy
     * has one shape on every transport (see {@code io.msgflow.spi.DeadLetterCopy}).
     *
     * @throws io.msgflow.InvalidConfigurationException when the queue has no dead-letter queue
     */
    OperationResult deadLetter(Collection<DeadLetter> deadLetters);

    /** Name of the attribute that carries the reason on a message moved by {@link #deadLetter}. */
    String DEAD_LETTER_REASON_ATTRIBUTE = "msgflow_dead_letter_reason";

    @Override
    default void close() {
    }
}
