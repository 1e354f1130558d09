package io.msgflow.internal.redrive;

import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import java.time.Duration;
import java.util.List;

/** The few queue operations {@link DeadLetterOperations} needs, implemented by each transport. */
public interface DeadLetterPort {
    /** A source on the dead-letter queue: deletes and hands back (visibility 0) what was received. */
    MessageSource deadLetters();

    String sourceQueue();

    /**
     * Receives up to {@code max} (1 to 10) messages from the dead-letter queue, each invisible there
     * for {@code hold}; none when none is receivable now.
     */
    List<HeldMessage> receive(int max, Duration hold);

    /**
     * Sends each message's {@link HeldMessage#sqsBody()} and {@link HeldMessage#redriveAttributes()}
     * to the source queue (at most 10); the result names the deliveries sent and those that failed.
     */
    OperationResult sendToSource(List<HeldMessage> messages);
}
