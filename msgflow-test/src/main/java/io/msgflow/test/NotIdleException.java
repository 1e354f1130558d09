package io.msgflow.test;

import io.msgflow.MsgflowException;

/**
 * {@link FlowHarness#runUntilIdle()} gave up: the traffic did not come to rest within the step,
 * virtual-time or real-time guard (a livelock: a handler that republishes what it handles, a
 * message retried without end, a consumer that never settles). The message names the guard,
 * what is still pending on each queue, and the end of the traffic timeline.
 */
public class NotIdleException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    public NotIdleException(String message) {
        super(message);
    }
}
