package io.msgflow.lambda.internal;

import io.msgflow.Message;
import io.msgflow.internal.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo messages of the original PublishMessagesFunction: {@code n} of type {@code notification}
 * and {@code n} of type {@code critical_alert}, alternating.
 */
public final class SampleMessages {
    public static final String NOTIFICATION = "notification";
    public static final String CRITICAL_ALERT = "critical_alert";

    private SampleMessages() {
    }

    public static List<Message> create(int perType, Clock clock) {
        String now = clock.instant().toString();
        List<Message> messages = new ArrayList<>(2 * perType);
        for (int i = 1; i <= perType; i++) {
            messages.add(Message.of(NOTIFICATION, body("title", "Notification " + i, "message",
                    "Sample notification " + i + " of " + perType, now)));
            messages.add(Message.of(CRITICAL_ALERT, body("severity", "critical", "message",
                    "Sample critical alert " + i + " of " + perType, now)));
        }
        return messages;
    }

    private static String body(String k1, String v1, String k2, String v2, String createdAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(k1, v1);
        fields.put(k2, v2);
        fields.put("created_at", createdAt);
        return Json.write(fields);
    }
}
