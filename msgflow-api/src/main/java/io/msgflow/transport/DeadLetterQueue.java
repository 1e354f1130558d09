package io.msgflow.transport;

import java.util.List;

/**
 * The dead-letter queue of one source queue, as an operator sees it: what is on it, and a way back.
 * Obtained from {@link MessageTransport#deadLetterQueue}.
 *
 * <p><b>Listing</b> does not consume: the messages are received with a short visibility timeout
 * (the hold, 30 s for {@link #list}) and handed back at once (visibility 0). Its limits, as SQS
 * has them: each listing raises the messages' receive count on the dead-letter queue (harmless
 * unless the dead-letter queue has a redrive policy of its own); while held, the messages are
 * invisible to every other reader; a listing is no snapshot (messages arriving meanwhile may or may
 * not appear); it ends at the first empty receive or at the limit.
 *
 * <p><b>Redrive</b> moves messages back to the source queue, where they are processed again.
 * Every message goes back with its body and attributes as it sits on the dead-letter queue, so
 * msgflow's id attribute — and with it the sink's idempotency — survives the trip; msgflow's
 * dead-letter metadata (reason, attempts, source queue, failure time) is left behind, except by
 * an SQS move task, which moves messages as they are. A message is deleted from the dead-letter
 * queue only after the source queue accepted it: a crash in between leaves it on both, and the
 * idempotent sink absorbs the repeat. <b>Threading:</b> thread-safe, but two redrives of one
 * queue at once compete for its messages.
 */
public interface DeadLetterQueue {

    /** The dead-letter queue's name. */
    String name();

    /** The queue whose dead letters these are, and where redrive sends them. */
    String sourceQueue();

    /**
     * Up to {@code limit} (1 to 10 000) messages on the dead-letter queue that pass {@code filter},
     * in the order received, without consuming them (see the class description for the limits).
     */
    List<DeadLetterMessage> list(DeadLetterFilter filter, int limit);

    /**
     * Moves the messages {@code options} select back to the source queue, at most at its rate.
     *
     * @return what was moved, left (not selected) and failed
     */
    RedriveResult redrive(RedriveOptions options);
}
