package io.msgflow.benchmarks.transport;

import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The messages every transport benchmark sends: the workflow's two types alternating, each with
 * a fresh id and a JSON body of exactly {@value #BODY_BYTES} bytes; the topology that routes them
 * by type to one queue each; and the handler work done for each (decode, then add a field to a
 * checksum), the same for msgflow and for every baseline.
 */
public final class BenchMessages {
    public static final int BODY_BYTES = 200;
    public static final String NOTIFICATION = "notification";
    public static final String CRITICAL_ALERT = "critical_alert";

    /** A notification; {@code text} pads the body to its size. */
    public record Notification(int n, String text) {
    }

    public record CriticalAlert(int n, String text) {
    }

    public static final MessageCodec CODEC = MessageCodec.builder().register(Notification.class).register(CriticalAlert.class).build();

    private BenchMessages() {
    }

    /** Message {@code n}: a notification when even, a critical alert when odd. */
    public static Message message(int n) {
        String prefix = "{\"n\":" + n + ",\"text\":\"";
        String suffix = "\"}";
        String body = prefix + "x".repeat(BODY_BYTES - prefix.length() - suffix.length()) + suffix;
        return Message.builder().type(n % 2 == 0 ? NOTIFICATION : CRITICAL_ALERT).body(body).build();
    }

    public static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            messages.add(message(n));
        }
        return messages;
    }

    /** A topic routing each type to its queue, as the workflow does; names suffixed to keep runs apart. */
    public static Topology topology(String suffix) {
        return Topology.builder("bench-" + suffix)
                .queue(notifications(suffix)).queue(alerts(suffix))
                .routeType(NOTIFICATION, notifications(suffix)).routeType(CRITICAL_ALERT, alerts(suffix))
                .build();
    }

    public static String notifications(String suffix) {
        return "notifications-" + suffix;
    }

    public static String alerts(String suffix) {
        return "alerts-" + suffix;
    }

    /** What a handler does with a payload: counts it and adds its number, so no work can be skipped. */
    public static final class Checksum {
        private final LongAdder handled = new LongAdder();
        private final LongAdder sum = new LongAdder();

        public void add(Object payload) {
            handled.increment();
            sum.add(payload instanceof Notification ? ((Notification) payload).n() : ((CriticalAlert) payload).n());
        }

        public long handled() {
            return handled.sum();
        }

        public long sum() {
            return sum.sum();
        }

        /** Fails unless messages 0 to {@code messages - 1} were each handled exactly once. */
        public void check(int messages) {
            if (handled() != messages || sum() != expectedSum(messages)) {
                throw new IllegalStateException("handled " + handled() + " of " + messages
                        + " messages, checksum " + sum() + " instead of " + expectedSum(messages));
            }
        }
    }

    /** The processor every msgflow candidate runs: decode with {@link #CODEC}, add to the checksum. */
    public static MessageProcessor processor(Checksum checksum) {
        return MessageProcessor.builder(CODEC)
                .on(Notification.class, (payload, context) -> {
                    checksum.add(payload);
                    return null;
                })
                .on(CriticalAlert.class, (payload, context) -> {
                    checksum.add(payload);
                    return null;
                })
                .build();
    }

    /** The checksum a run of {@code count} messages numbered from 0, each handled once, must end with. */
    public static long expectedSum(int count) {
        return (long) count * (count - 1) / 2;
    }
}
