package io.msgflow.internal;

import io.msgflow.MessageLimits;
import io.msgflow.MessageValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

/** Splits work into batches that respect the SNS/SQS batch limits. */
public final class Batches {
    private Batches() {
    }

    /**
     * Chunks of at most 10 entries and 256 KiB, in order. Sizes are computed (and so every
     * message validated) before the first chunk is returned.
     */
    public static <T> List<List<T>> chunk(Collection<T> items, ToIntFunction<T> size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(MessageLimits.MAX_BATCH_ENTRIES);
        int bytes = 0;
        for (T item : items) {
            int s = size.applyAsInt(item);
            if (!current.isEmpty() && (current.size() == MessageLimits.MAX_BATCH_ENTRIES || bytes + s > MessageLimits.MAX_BATCH_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>(MessageLimits.MAX_BATCH_ENTRIES);
                bytes = 0;
            }
            current.add(item);
            bytes += s;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** Checks one batch against the entry and byte limits. */
    public static <T> void checkBatch(String resource, List<T> items, ToIntFunction<T> size) {
        if (items.isEmpty() || items.size() > MessageLimits.MAX_BATCH_ENTRIES) {
            throw new MessageValidationException(resource, "a batch must have 1 to " + MessageLimits.MAX_BATCH_ENTRIES + " entries",
                    items.size() + " entries");
        }
        long total = 0;
        for (T item : items) {
            total += size.applyAsInt(item);
        }
        if (total > MessageLimits.MAX_BATCH_BYTES) {
            throw new MessageValidationException(resource, "a batch must be at most " + MessageLimits.MAX_BATCH_BYTES
                    + " bytes (256 KiB) in all", total + " bytes");
        }
    }
}
