package io.msgflow.reliability;

import io.msgflow.Message;
import io.msgflow.codec.MessageCodec;
import java.util.ArrayList;
import java.util.List;

/** The workflow's two payload types, the codec that names them, and the traffic the scenarios publish. */
final class Payloads {
    /** A notification; the text {@link #REFUSED_BY_HANDLER} makes the scenarios' handler throw every time. */
    record Notification(int n, String text) {
    }

    record CriticalAlert(int n, String text) {
    }

    static final String REFUSED_BY_HANDLER = "refused-by-handler";
    static final MessageCodec CODEC = MessageCodec.builder().register(Notification.class).register(CriticalAlert.class).build();

    private Payloads() {
    }

    /** {@code count} messages numbered from {@code first}, the two types alternating, each with a fresh id. */
    static List<Message> messages(int first, int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            String text = "message " + n + " of the reliability suite";
            messages.add(CODEC.encode(n % 2 == 0 ? new Notification(n, text) : new CriticalAlert(n, text)));
        }
        return messages;
    }
}
