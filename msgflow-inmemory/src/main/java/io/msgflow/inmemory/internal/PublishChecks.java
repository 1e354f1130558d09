package io.msgflow.inmemory.internal;

import io.msgflow.Message;
import io.msgflow.MessageValidationException;

/** The FIFO rules SNS and SQS apply to a message, checked before anything is sent. */
final class PublishChecks {
    private PublishChecks() {
    }

    /** A message to a topic: FIFO topics need a group id, and a deduplication id unless content-based deduplication is on. */
    static void forTopic(String topic, boolean fifo, boolean contentBasedDeduplication, Message m) {
        if (fifo) {
            checkFifo("topic '" + topic + "'", contentBasedDeduplication, m);
        }
    }

    /** A message to a queue: as for topics, and a standard queue refuses a deduplication id. */
    static void forQueue(String queue, boolean fifo, boolean contentBasedDeduplication, Message m) {
        if (fifo) {
            checkFifo("queue '" + queue + "'", contentBasedDeduplication, m);
        } else if (m.deduplicationId().isPresent()) {
            throw new MessageValidationException(resource(m, "queue '" + queue + "'"),
                    "a deduplication id is only for FIFO queues (names ending in .fifo)", "'" + m.deduplicationId().get() + "'");
        }
    }

    /** The deduplication id SNS or SQS uses: the given one, else the SHA-256 of the body. */
    static String deduplicationId(Message m) {
        return m.deduplicationId().orElseGet(() -> ContentHash.of(m.body()));
    }

    private static void checkFifo(String target, boolean contentBasedDeduplication, Message m) {
        if (m.groupId().isEmpty()) {
            throw new MessageValidationException(resource(m, target), "a FIFO " + kind(target) + " needs a message group id", "none");
        }
        if (m.deduplicationId().isEmpty() && !contentBasedDeduplication) {
            throw new MessageValidationException(resource(m, target), "a FIFO " + kind(target)
                    + " without content-based deduplication needs a deduplication id", "none");
        }
    }

    private static String resource(Message m, String target) {
        return "message " + m.id() + " to " + target;
    }

    private static String kind(String target) {
        return target.substring(0, target.indexOf(' '));
    }
}
