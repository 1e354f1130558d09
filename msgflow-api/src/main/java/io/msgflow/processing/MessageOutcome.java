package io.msgflow.processing;

import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of one delivery: the decision of the processor and, once settled, what the queue
 * did with it. Every delivery of a batch gets exactly one outcome.
 *
 * <p>Before settlement ({@link MessageProcessor#process}) an outcome is a decision; after it
 * ({@link MessageProcessor#processAndSettle}, {@code MessageConsumer}, the Lambda handlers) it is
 * a fact: a dead letter that could not be moved or an acknowledgement the queue refused becomes
 * {@link Kind#UNSETTLED}, never a claim that did not happen.
 *
 * @param message the delivery
 * @param kind what became of it
 * @param decided what the processor decided: equal to {@code kind} unless settling it failed
 *                ({@link Kind#UNSETTLED}) or the queue had no dead-letter queue ({@link Kind#RETAINED})
 * @param at when it was decided or settled, on the processor's clock
 * @param delay for {@link Kind#RETRY}, {@link Kind#RETAINED} and {@link Kind#HANDED_BACK}: how long
 *              the message stays invisible from {@code at}; zero otherwise
 * @param reason why it did not succeed: never null or blank except for {@link Kind#ACKNOWLEDGED}, where it is empty
 */
public record MessageOutcome(ReceivedMessage message, Kind kind, Kind decided, Instant at, Duration delay, String reason) {

    /** The kinds of outcome. */
    public enum Kind {
        /** Handled (its output committed to the sink, if any): deleted from the queue. */
        ACKNOWLEDGED,
        /** Failed transiently: visible again at {@link #retryAt()}, its visibility set to the retry delay. */
        RETRY,
        /** Failed for good: moved to the queue's dead-letter queue with the reason, and deleted. */
        DEAD_LETTERED,
        /**
         * Failed for good, but the queue has no dead-letter queue: left on the queue (invisible for
         * {@link #delay()}, then delivered again). Logged at ERROR and reported to the listener; never
         * counted as dead-lettered.
         */
        RETAINED,
        /** Not processed (a consumer stopping, the rest of a failed FIFO group): visible again at once. */
        HANDED_BACK,
        /**
         * The queue refused or failed the call that would have applied the decision (acknowledge,
         * dead-letter, visibility change): the message stays on the queue and comes back after its
         * visibility timeout; the idempotent sink absorbs a repeat.
         */
        UNSETTLED
    }

    public MessageOutcome {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decided, "decided");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(reason, "reason");
        if (kind != Kind.ACKNOWLEDGED && reason.isBlank()) {
            throw new IllegalArgumentException("outcome " + kind + " of message " + message.id() + " needs a reason");
        }
    }

    public static MessageOutcome acknowledged(ReceivedMessage message, Instant at) {
        return new MessageOutcome(message, Kind.ACKNOWLEDGED, Kind.ACKNOWLEDGED, at, Duration.ZERO, "");
    }

    public static MessageOutcome retry(ReceivedMessage message, Instant at, Duration delay, String reason) {
        return new MessageOutcome(message, Kind.RETRY, Kind.RETRY, at, delay, reason);
    }

    public static MessageOutcome deadLettered(ReceivedMessage message, Instant at, String reason) {
        return new MessageOutcome(message, Kind.DEAD_LETTERED, Kind.DEAD_LETTERED, at, Duration.ZERO, reason);
    }

    public static MessageOutcome retained(ReceivedMessage message, Instant at, Duration delay, String reason) {
        return new MessageOutcome(message, Kind.RETAINED, Kind.DEAD_LETTERED, at, delay, reason);
    }

    public static MessageOutcome handedBack(ReceivedMessage message, Instant at, String reason) {
        return new MessageOutcome(message, Kind.HANDED_BACK, Kind.HANDED_BACK, at, Duration.ZERO, reason);
    }

    /** This decision, not applied: the queue call failed with {@code why}. */
    public MessageOutcome unsettled(Instant now, String why) {
        return new MessageOutcome(message, Kind.UNSETTLED, decided, now, Duration.ZERO,
                reason.isEmpty() ? why : reason + "; " + why);
    }

    /** When a retried, retained or handed-back message becomes visible again. */
    public Instant retryAt() {
        return at.plus(delay);
    }

    /** Whether the message is still on the queue after this outcome (what a Lambda reports in {@code batchItemFailures}). */
    public boolean staysOnQueue() {
        return kind != Kind.ACKNOWLEDGED && kind != Kind.DEAD_LETTERED;
    }
}
