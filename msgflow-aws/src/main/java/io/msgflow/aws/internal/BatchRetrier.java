package io.msgflow.aws.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one SNS/SQS batch call and re-sends, with backoff, only the entries that failed for a
 * transient reason (throttling, the service's own fault), until they succeed or the attempts run
 * out. Whole-call failures are not retried here: the SDK client's retry strategy does that, and
 * the exception reaches the caller. Every entry ends in exactly one of the outcome's two maps.
 */
public final class BatchRetrier {
    /** Why one entry failed, as the service reported it. */
    public record EntryError(String code, String message, boolean senderFault) {
        public boolean retryable() {
            return AwsErrors.isRetryableEntry(code, senderFault);
        }
    }

    /** The answer of one call: by batch entry id, what succeeded and what failed. */
    public record Attempt<S>(Map<String, S> succeeded, Map<String, EntryError> failed) {
    }

    /** Final outcome by batch entry id; {@code failed} entries keep their last error. */
    public record Outcome<S>(Map<String, S> succeeded, Map<String, EntryError> failed, int attempts) {
    }

    static final String MISSING_FROM_RESPONSE = "MissingFromResponse";

    private final Backoff backoff;

    public BatchRetrier(Backoff backoff) {
        this.backoff = backoff;
    }

    /**
     * @param resource names the topic or queue in errors
     * @param entries the batch by entry id, in order
     * @param call sends the given entries in one request
     */
    public <E, S> Outcome<S> run(String resource, Map<String, E> entries, Function<Map<String, E>, Attempt<S>> call) {
        Map<String, S> succeeded = new LinkedHashMap<>();
        Map<String, EntryError> failed = new LinkedHashMap<>();
        Map<String, E> remaining = new LinkedHashMap<>(entries);
        int attempt = 0;
        while (!remaining.isEmpty()) {
            attempt++;
            Attempt<S> answer = call.apply(remaining);
            succeeded.putAll(answer.succeeded());
            Map<String, E> retry = new LinkedHashMap<>();
            for (Map.Entry<String, E> entry : remaining.entrySet()) {
                String id = entry.getKey();
                if (answer.succeeded().containsKey(id)) {
                    continue;
                }
                EntryError error = answer.failed().getOrDefault(id,
                        new EntryError(MISSING_FROM_RESPONSE, "the service answered neither success nor failure for this entry", false));
                if (error.retryable() && attempt < backoff.settings().maxAttempts()) {
                    retry.put(id, entry.getValue());
                } else {
                    failed.put(id, error);
                }
            }
            if (!retry.isEmpty()) {
                backoff.pauseAfter(attempt, resource);
            }
            remaining = retry;
        }
        return new Outcome<>(succeeded, failed, attempt);
    }

    /** Batch entry ids for a list: its indexes, {@code "0"} to {@code "9"}. */
    public static <E> Map<String, E> byIndex(List<E> entries) {
        Map<String, E> byId = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byId.put(Integer.toString(i), entries.get(i));
        }
        return byId;
    }
}
