package io.msgflow.processing;

import io.msgflow.transport.ReceivedMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of one batch, one per delivery, in the batch's order.
 *
 * @param outcomes one {@link MessageOutcome} per delivery
 */
public record BatchResult(List<MessageOutcome> outcomes) {

    public BatchResult {
        outcomes = List.copyOf(outcomes);
    }

    public int size() {
        return outcomes.size();
    }

    /** The outcomes of one kind, in order. */
    public List<MessageOutcome> of(MessageOutcome.Kind kind) {
        List<MessageOutcome> selected = new ArrayList<>();
        for (MessageOutcome o : outcomes) {
            if (o.kind() == kind) {
                selected.add(o);
            }
        }
        return selected;
    }

    /** How many outcomes of one kind. */
    public int count(MessageOutcome.Kind kind) {
        int n = 0;
        for (MessageOutcome o : outcomes) {
            if (o.kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /** Counts of every kind (zero included). */
    public Map<MessageOutcome.Kind, Integer> counts() {
        Map<MessageOutcome.Kind, Integer> counts = new EnumMap<>(MessageOutcome.Kind.class);
        for (MessageOutcome.Kind k : MessageOutcome.Kind.values()) {
            counts.put(k, 0);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return counts;
    }

    /** The acknowledged deliveries. */
    public List<ReceivedMessage> acked() {
        List<ReceivedMessage> acked = new ArrayList<>();
        for (MessageOutcome o : outcomes) {
            if (o.kind() == MessageOutcome.Kind.ACKNOWLEDGED) {
                acked.add(o.message());
            }
        }
        return acked;
    }

    /** The outcomes to retry after their delay. */
    public List<MessageOutcome> retried() {
        return of(MessageOutcome.Kind.RETRY);
    }

    /** The outcomes moved (or, before settlement, to move) to the dead-letter queue. */
    public List<MessageOutcome> deadLettered() {
        return of(MessageOutcome.Kind.DEAD_LETTERED);
    }

    /** SQS message ids of the deliveries that stay on the queue, as SQS batch responses report failures. */
    public List<String> stayingOnQueueTransportIds() {
        List<String> ids = new ArrayList<>();
        for (MessageOutcome o : outcomes) {
            if (o.staysOnQueue()) {
                ids.add(o.message().transportMessageId());
            }
        }
        return ids;
    }

    /** This batch's outcomes followed by another's. */
    public BatchResult plus(BatchResult other) {
        List<MessageOutcome> all = new ArrayList<>(outcomes);
        all.addAll(other.outcomes);
        return new BatchResult(all);
    }
}
