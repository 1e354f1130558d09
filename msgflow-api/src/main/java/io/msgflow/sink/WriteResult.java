package io.msgflow.sink;

import java.util.Map;
import java.util.Set;

/**
 * Outcome of one {@link Sink#write}: every record of the batch is in exactly one of the three.
 *
 * @param written new rows, committed
 * @param duplicates ids already in the sink (a redelivery); nothing written, not an error
 * @param rejected records the sink refused for good (for example a constraint violation), by
 *                 message id with the reason; nothing of them was written, the rest was committed
 */
public record WriteResult(Set<String> written, Set<String> duplicates, Map<String, String> rejected) {
    public WriteResult {
        written = Set.copyOf(written);
        duplicates = Set.copyOf(duplicates);
        rejected = Map.copyOf(rejected);
    }
}
