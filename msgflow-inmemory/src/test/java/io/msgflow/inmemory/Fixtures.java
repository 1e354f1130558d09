package io.msgflow.inmemory;

import io.msgflow.Message;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the emulator's tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Message message(String type, String body) {
        return Message.of(type, body);
    }

    static Message fifo(String group, String dedup, String body) {
        Message.Builder b = Message.builder().type("notification").body(body).groupId(group);
        if (dedup != null) {
            b.deduplicationId(dedup);
        }
        return b.build();
    }

    /** Everything receivable now, received without waiting. */
    static List<ReceivedMessage> drain(MessageSource source) {
        List<ReceivedMessage> all = new ArrayList<>();
        List<ReceivedMessage> batch;
        while (!(batch = source.receive(10, Duration.ZERO)).isEmpty()) {
            all.addAll(batch);
        }
        return all;
    }

    static <T> T single(List<T> received) {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one delivery, but got " + received);
        }
        return received.get(0);
    }

    static List<String> bodies(List<ReceivedMessage> received) {
        List<String> bodies = new ArrayList<>(received.size());
        received.forEach(r -> bodies.add(r.body()));
        return bodies;
    }

    static List<String> ids(List<ReceivedMessage> received) {
        List<String> ids = new ArrayList<>(received.size());
        received.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
