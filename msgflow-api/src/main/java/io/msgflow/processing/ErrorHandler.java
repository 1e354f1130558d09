package io.msgflow.processing;

import java.time.Duration;

/**
 * The application's callback for failures of a {@link MessageConsumer} (what Spring Cloud AWS calls
 * an {@code ErrorHandler}): to alert, count or log in the application's own way. It observes; the
 * outcome is already decided. Called on the poller thread; an exception it throws is logged and
 * ignored. Both methods do nothing by default.
 */
public interface ErrorHandler {

    /** A message did not succeed: called once per outcome other than acknowledged or handed back, after settlement. */
    default void messageFailed(MessageOutcome outcome) {
    }

    /**
     * A poller failed outside any one message's processing (the receive, a settlement call, an
     * {@link Error} from the runtime) and is restarted after {@code restartIn}.
     */
    default void pollerFailed(String queue, Throwable cause, Duration restartIn) {
    }
}
