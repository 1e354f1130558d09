package io.msgflow.internal.redrive;

import io.msgflow.transport.MessageSource;
import java.util.Set;

/** The attributes msgflow adds to a dead-letter copy, which a redrive leaves behind. */
final class DeadLetterMetadata {
    static final String REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;
    static final String QUEUE = "msgflow_dead_letter_queue";
    static final String ATTEMPTS = "msgflow_dead_letter_attempts";
    static final String FAILED_AT = "msgflow_dead_letter_failed_at";
    private static final Set<String> ALL = Set.of(REASON, QUEUE, ATTEMPTS, FAILED_AT);

    private DeadLetterMetadata() {
    }

    static boolean isMetadata(String attribute) {
        return ALL.contains(attribute);
    }
}
