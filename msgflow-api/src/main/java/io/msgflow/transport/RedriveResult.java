package io.msgflow.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link DeadLetterQueue#redrive} did. Immutable.
 *
 * @param method how the messages were moved ({@link RedriveMethod#MOVE_TASK} or
 *               {@link RedriveMethod#RECEIVE_SEND_DELETE}, never {@code AUTO})
 * @param movedIds the logical ids of the messages moved back (none for a move task, which reports
 *                 its progress through SQS {@code ListMessageMoveTasks})
 * @param left how many messages the filter did not select; they stay on the dead-letter queue
 * @param failures the messages that could not be moved, each with its code and reason; they stay
 *                 on the dead-letter queue
 * @param moveTaskHandle the task handle of a started move task
 */
public record RedriveResult(RedriveMethod method, List<String> movedIds, int left, List<EntryFailure> failures,
                            Optional<String> moveTaskHandle) {
    public RedriveResult {
        Objects.requireNonNull(method, "method");
        movedIds = List.copyOf(movedIds);
        failures = List.copyOf(failures);
    }

    public int moved() {
        return movedIds.size();
    }

    @Override
    public String toString() {
        return "RedriveResult{" + method + ", moved " + moved() + ", left " + left + ", failed " + failures.size()
                + moveTaskHandle.map(h -> ", move task " + h).orElse("") + "}";
    }
}
