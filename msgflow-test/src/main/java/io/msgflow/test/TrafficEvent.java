package io.msgflow.test;

import io.msgflow.Message;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.sink.SinkRecord;
import io.msgflow.sink.WriteResult;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing that happened to the traffic of a {@link FlowHarness}, at a virtual instant: a
 * publish, a delivery, its settlement (acknowledged, retried, dead-lettered), a move to a
 * dead-letter queue by the queue's own redrive, a sink write, or a move of the clock.
 * {@link #describe()} is its line in the timeline that failed assertions print.
 */
public sealed interface TrafficEvent {

    /** When it happened, on the harness's clock. */
    Instant at();

    /** One line for the timeline, without the time. */
    String describe();

    /** A message the topic (or a queue, sent straight) accepted. */
    record Published(Instant at, String destination, Message message, PublishReceipt receipt) implements TrafficEvent {
        @Override
        public String describe() {
            return "published   " + message.type() + " " + message.id() + " to " + destination + attributes(message) + " " + abbreviate(message.body());
        }
    }

    /** A delivery received from a queue, about to be processed. */
    record Delivered(Instant at, ReceivedMessage delivery) implements TrafficEvent {
        @Override
        public String describe() {
            return "delivered   " + delivery.type().orElse("?") + " " + delivery.id() + " from " + delivery.queue()
                    + " (receive " + delivery.receiveCount() + ")";
        }
    }

    /** A delivery acknowledged: processed, its output committed, deleted from the queue. */
    record Acknowledged(Instant at, ReceivedMessage delivery) implements TrafficEvent {
        @Override
        public String describe() {
            return "acked       " + delivery.type().orElse("?") + " " + delivery.id() + " on " + delivery.queue();
        }
    }

    /** A delivery handed back to its queue, visible again after {@code delay}. */
    record Retried(Instant at, ReceivedMessage delivery, Duration delay, Optional<String> reason) implements TrafficEvent {
        @Override
        public String describe() {
            return "retried     " + delivery.type().orElse("?") + " " + delivery.id() + " on " + delivery.queue() + " after "
                    + Timeline.duration(delay) + " (receive " + delivery.receiveCount() + ")" + reason.map(r -> ": " + r).orElse("");
        }
    }

    /** A delivery moved to its queue's dead-letter queue by the processor, with the reason. */
    record DeadLettered(Instant at, ReceivedMessage delivery, String reason) implements TrafficEvent {
        /** Receives the message had when it was dead-lettered, this one included. */
        public int attempts() {
            return delivery.receiveCount();
        }

        @Override
        public String describe() {
            return "dead-letter " + delivery.type().orElse("?") + " " + delivery.id() + " from " + delivery.queue() + " after "
                    + attempts() + " attempt(s): " + reason;
        }
    }

    /** A settlement call that failed for one delivery (for example its visibility timeout had lapsed); the message stays on the queue. */
    record SettleFailed(Instant at, String operation, ReceivedMessage delivery, String code, String reason) implements TrafficEvent {
        @Override
        public String describe() {
            return operation + " failed for " + delivery.type().orElse("?") + " " + delivery.id() + " on " + delivery.queue() + ": "
                    + code + " " + reason;
        }
    }

    /** A message the queue itself moved to its dead-letter queue after maxReceiveCount receives (SQS redrive). */
    record Redriven(Instant at, String queue, QueuedMessage message) implements TrafficEvent {
        @Override
        public String describe() {
            return "redriven    " + message.type().orElse("?") + " " + message.id() + " from " + queue + " to " + message.queue()
                    + " after " + message.receiveCount() + " receive(s)";
        }
    }

    /** One call of the sink: the records and what it made of them, or why it failed as a whole. */
    record SinkWrite(Instant at, List<SinkRecord> records, Optional<WriteResult> result, Optional<String> failure) implements TrafficEvent {
        public SinkWrite {
            records = List.copyOf(records);
        }

        @Override
        public String describe() {
            return "sink write  " + records.size() + " record(s): " + result.map(r -> r.written().size() + " written, "
                    + r.duplicates().size() + " duplicate(s), " + r.rejected().size() + " rejected" + (r.rejected().isEmpty() ? "" : " " + r.rejected()))
                    .orElseGet(() -> "failed: " + failure.orElse("?"));
        }
    }

    /** The harness moved the clock, to the next deadline or as the test asked. */
    record ClockMoved(Instant at, Duration by, String why) implements TrafficEvent {
        @Override
        public String describe() {
            return "clock       +" + Timeline.duration(by) + " (" + why + ")";
        }
    }

    private static String attributes(Message m) {
        if (m.attributes().isEmpty() && m.groupId().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" {");
        m.attributes().forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append('=').append(v.stringValue()));
        m.groupId().ifPresent(g -> b.append(b.length() > 2 ? ", " : "").append("group=").append(g));
        return b.append('}').toString();
    }

    private static String abbreviate(String body) {
        return body.length() <= 80 ? body : body.substring(0, 77) + "...";
    }
}
