package io.msgflow.internal.redrive;

import io.msgflow.spi.DeadLetterCopy;
import io.msgflow.transport.MessageSource;
import java.util.Set;

/** The attributes msgflow adds to a dead-letter copy, which a redrive leaves behind. */
final class DeadLetterMetadata {
    static final String REASON = MessageSource.DEAD_LETTER_REASON_ATTRIBUTE;
    static final String QUEUE = DeadLetterCopy.QUEUE_ATTRIBUTE;
    static final String ATTEMPTS = DeadLetterCopy.ATTEMPTS_ATTRIBUTE;
    static final String FAILED_AT = DeadLetterCopy.FAILED_AT_ATTRIBUTE;
    private static final Set<String> ALL = Set.of(REASON, QUEUE, ATTEMPTS, FAILED_AT);

    private DeadLetterMetadata() {
    }

    static boolean isMetadata(String attribute) {
        return ALL.contains(attribute);
    }
}
