package io.msgflow.transport;

import io.msgflow.MessageAttribute;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One message on a dead-letter queue, seen by {@link DeadLetterQueue#list}. Immutable.
 *
 * @param id the logical id (msgflow's id attribute, else the SNS MessageId of an envelope, else the
 *           SQS MessageId), the one the sink is idempotent on
 * @param transportMessageId its SQS MessageId on the dead-letter queue
 * @param type the message type, when the type attribute is present
 * @param reason why it was dead-lettered, when msgflow moved it (an SQS redrive policy records none)
 * @param attempts how many times it had been received on the source queue, when recorded
 * @param failedAt when it failed for good, when recorded
 * @param body the body a consumer reads (an envelope's {@code Message})
 * @param attributes its attributes as a consumer reads them, dead-letter metadata included
 */
public record DeadLetterMessage(String id, String transportMessageId, Optional<String> type, Optional<String> reason,
                                OptionalInt attempts, Optional<Instant> failedAt, String body,
                                Map<String, MessageAttribute> attributes) {
    public DeadLetterMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transportMessageId, "transportMessageId");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
    }

    @Override
    public String toString() {
        return "DeadLetterMessage{id=" + id + ", type=" + type.orElse("?") + ", attempts="
                + (attempts.isPresent() ? Integer.toString(attempts.getAsInt()) : "?") + ", reason=" + reason.orElse("?") + "}";
    }
}
