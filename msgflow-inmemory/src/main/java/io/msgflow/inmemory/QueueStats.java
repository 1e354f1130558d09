package io.msgflow.inmemory;

/**
 * How many messages a queue holds, by state, at one instant (SQS ApproximateNumberOfMessages,
 * ...NotVisible and ...Delayed, but exact).
 *
 * @param visible receivable now (for FIFO queues: including messages of groups blocked by one in flight)
 * @param inFlight received and neither acknowledged nor back to visible yet
 * @param delayed waiting for the queue's delivery delay
 */
public record QueueStats(int visible, int inFlight, int delayed) {

    /** All messages on the queue. */
    public int total() {
        return visible + inFlight + delayed;
    }
}
