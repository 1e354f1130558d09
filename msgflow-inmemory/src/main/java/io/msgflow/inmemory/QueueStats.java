package io.msgflow.inmemory;

/**
 * How many messages a queue holds, by state, at one instant (SQS ApproximateNumberOfMessages,
 * ...NotVisible and ...Delayed, but exact).
 *
 * @param visible not in flight and not delayed, as SQS counts ApproximateNumberOfMessages: on a FIFO
 *                queue this includes messages held back because a message of their group is in flight
 * @param inFlight received and neither acknowledged nor back to visible yet
 * @param delayed waiting for the queue's delivery delay
 * @param heldBack FIFO queues: visible messages a receive cannot take now because a message of
 *                 their group is in flight; always 0 on standard queues
 */
public record QueueStats(int visible, int inFlight, int delayed, int heldBack) {

    public QueueStats {
        if (heldBack > visible) {
            throw new IllegalArgumentException("heldBack (" + heldBack + ") cannot exceed visible (" + visible + ")");
        }
    }

    /** Counts of a standard queue, where nothing is held back. */
    public QueueStats(int visible, int inFlight, int delayed) {
        this(visible, inFlight, delayed, 0);
    }

    /** What a receive could take now: visible less held back. */
    public int receivable() {
        return visible - heldBack;
    }

    /** All messages on the queue. */
    public int total() {
        return visible + inFlight + delayed;
    }
}
