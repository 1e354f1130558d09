package io.msgflow.benchmarks.sink;

import io.msgflow.MessageAttribute;
import io.msgflow.sink.SinkRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Records like the workflow's notifications: random UUID ids, a ~180-byte JSON body, two attributes. */
final class Workload {
    static final String TYPE = "notification";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String[] SEVERITIES = {"low", "medium", "high"};

    private Workload() {
    }

    /** {@code n} records, the same for the same seed, with ids no other seed produces. */
    static List<SinkRecord> records(int n, long seed) {
        Random random = new Random(seed);
        List<SinkRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            int host = random.nextInt(500);
            String body = "{\"message\":\"Disk usage at " + (50 + random.nextInt(50)) + "% on host web-" + host
                    + "\",\"host\":\"web-" + host + "\",\"severity\":\"" + SEVERITIES[random.nextInt(3)]
                    + "\",\"metric\":{\"name\":\"disk_used_ratio\",\"value\":" + random.nextDouble() + "},\"seq\":" + i + "}";
            Map<String, MessageAttribute> attributes = Map.of(
                    "source", MessageAttribute.string("monitoring"),
                    "priority", MessageAttribute.number(random.nextInt(5)));
            records.add(new SinkRecord(id, TYPE, body, attributes, START.plusMillis(i)));
        }
        return records;
    }
}
