package io.msgflow.benchmarks.transport;

import io.msgflow.Message;
import io.msgflow.internal.Batches;
import io.msgflow.transport.MessagePublisher;
import java.util.List;

/** How a benchmark hands its messages to a publisher. */
public enum Publishing {
    /** {@code MessagePublisher.publishAll}, as applications call it. */
    PUBLISH_ALL("publishAll"),
    /**
     * One {@code publishBatch} per chunk of 10 (the chunks {@code publishAll} makes): the same
     * requests, without merging the chunks' results into one {@code PublishResult}.
     */
    BATCH_BY_BATCH("publishBatch per 10");

    private final String label;

    Publishing(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Publishes every message; returns how many the publisher refused. */
    public int publish(MessagePublisher publisher, List<Message> messages) {
        if (this == PUBLISH_ALL) {
            return publisher.publishAll(messages).failed().size();
        }
        int refused = 0;
        for (List<Message> chunk : Batches.chunk(messages, publisher::sizeInBytes)) {
            refused += publisher.publishBatch(chunk).failed().size();
        }
        return refused;
    }
}
