package io.msgflow.inmemory.internal;

import io.msgflow.WireFormat;
import io.msgflow.transport.DeadLetter;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message {@link io.msgflow.transport.MessageSource#deadLetter} sends to the emulated
 * dead-letter queue: a new SQS message in the one shape of {@link io.msgflow.spi.DeadLetterCopy}
 * (unwrapped body and attributes, the id kept, the dead-letter metadata), in the original's group.
 */
final class DeadLetterCopy {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCopy.class);

    private DeadLetterCopy() {
    }

    static StoredMessage of(StoredMessage original, DeadLetter deadLetter, WireFormat wireFormat, Instant now) {
        io.msgflow.spi.DeadLetterCopy copy = io.msgflow.spi.DeadLetterCopy.of(deadLetter, wireFormat, now);
        if (!copy.omitted().isEmpty()) {
            LOG.warn("queue '{}': message {} dead-lettered without {} (SQS limits); reason: {}", deadLetter.message().queue(),
                    deadLetter.message().id(), copy.omitted(), deadLetter.reason());
        }
        return StoredMessage.of(copy.body(), copy.attributes(), original.groupId(), now);
    }
}
