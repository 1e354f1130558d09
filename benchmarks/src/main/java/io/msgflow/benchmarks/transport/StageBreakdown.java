package io.msgflow.benchmarks.transport;

import static io.msgflow.benchmarks.transport.MarkdownTable.decimal;

import io.msgflow.Message;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.benchmarks.transport.BenchMessages.CriticalAlert;
import io.msgflow.benchmarks.transport.BenchMessages.Notification;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.processing.BatchResult;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Where the time of the in-memory end-to-end run goes: the same messages through one stage at a
 * time on one thread (publish all; receive all, leaving them in flight; process every batch
 * without settling it; acknowledge every batch), next to the baseline's stages (put all, poll
 * all) and to the handler work alone (decode, checksum), which both do. Microseconds and bytes
 * allocated per message (the allocations do not depend on the machine's load), median of the rounds.
 */
public final class StageBreakdown {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<String, Rates> stages = new LinkedHashMap<>();
    private final Map<String, List<Double>> allocations = new LinkedHashMap<>();

    private StageBreakdown() {
    }

    public static String run(int count, int rounds) throws InterruptedException {
        StageBreakdown breakdown = new StageBreakdown();
        List<Message> messages = BenchMessages.messages(count);
        for (int round = 0; round < rounds; round++) {
            System.gc();
            breakdown.msgflow(messages);
            System.gc();
            breakdown.baseline(messages);
        }
        return breakdown.table();
    }

    private void msgflow(List<Message> messages) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = BenchMessages.topology(suffix);
        Checksum checksum = new Checksum();
        MessageProcessor processor = MessageProcessor.builder(BenchMessages.CODEC)
                .on(Notification.class, (payload, context) -> add(checksum, payload))
                .on(CriticalAlert.class, (payload, context) -> add(checksum, payload))
                .build();
        try (InMemoryTransport transport = InMemoryTransport.create()) {
            transport.provision(topology);
            List<MessageSource> sources = List.of(transport.source(topology, BenchMessages.notifications(suffix)),
                    transport.source(topology, BenchMessages.alerts(suffix)));
            Mark start = Mark.now();
            int refused = Publishing.BATCH_BY_BATCH.publish(transport.publisher(topology), messages);
            Mark published = Mark.now();
            List<List<ReceivedMessage>> batches = new ArrayList<>();
            List<MessageSource> batchSources = new ArrayList<>();
            for (MessageSource source : sources) {
                for (List<ReceivedMessage> b = source.receive(10, Duration.ZERO); !b.isEmpty(); b = source.receive(10, Duration.ZERO)) {
                    batches.add(b);
                    batchSources.add(source);
                }
            }
            Mark received = Mark.now();
            List<BatchResult> results = new ArrayList<>(batches.size());
            batches.forEach(b -> results.add(processor.process(b)));
            Mark processed = Mark.now();
            int failed = 0;
            for (int i = 0; i < results.size(); i++) {
                failed += batchSources.get(i).acknowledge(results.get(i).acked()).failed().size();
            }
            Mark acknowledged = Mark.now();
            InMemoryPipeline.check(refused == 0 && failed == 0, refused + " publishes and " + failed + " acknowledgements failed");
            add("msgflow: publish (filter by type, enqueue)", messages.size(), start, published);
            add("msgflow: receive", messages.size(), published, received);
            add("msgflow: process (build the Message, decode, handler)", messages.size(), received, processed);
            add("msgflow: acknowledge", messages.size(), processed, acknowledged);
            add("msgflow: all four", messages.size(), start, acknowledged);
        }
        InMemoryPipeline.checkHandled(checksum, messages.size(), 1);
        Checksum decoded = new Checksum();
        Mark start = Mark.now();
        for (Message m : messages) {
            decoded.add(BenchMessages.CODEC.decode(m));
        }
        add("decode and checksum alone (the work both do)", messages.size(), start, Mark.now());
        InMemoryPipeline.checkHandled(decoded, messages.size(), 1);
    }

    private static Object add(Checksum checksum, Object payload) {
        checksum.add(payload);
        return null;
    }

    private void baseline(List<Message> messages) throws InterruptedException {
        ArrayBlockingQueue<Message> queue = new ArrayBlockingQueue<>(messages.size());
        Mark start = Mark.now();
        for (Message m : messages) {
            queue.put(m);
        }
        Mark filled = Mark.now();
        int taken = 0;
        while (queue.poll() != null) {
            taken++;
        }
        Mark drained = Mark.now();
        InMemoryPipeline.check(taken == messages.size(), "took " + taken + " of " + messages.size());
        add("ArrayBlockingQueue: put", messages.size(), start, filled);
        add("ArrayBlockingQueue: poll", messages.size(), filled, drained);
    }

    /** A point in time and the bytes this thread had allocated by then. */
    private record Mark(long nanos, long allocatedBytes) {
        static Mark now() {
            return new Mark(System.nanoTime(), THREADS.getCurrentThreadAllocatedBytes());
        }
    }

    private void add(String stage, int messages, Mark from, Mark to) {
        stages.computeIfAbsent(stage, s -> new Rates()).add(messages, to.nanos() - from.nanos());
        allocations.computeIfAbsent(stage, s -> new ArrayList<>()).add((double) (to.allocatedBytes() - from.allocatedBytes()) / messages);
    }

    private String table() {
        MarkdownTable table = new MarkdownTable("stage", "µs per message (median)", "bytes allocated per message (median)", "rounds");
        stages.forEach((stage, rates) -> table.row(stage, decimal(1e6 / rates.median(), 3),
                MarkdownTable.number(Rates.median(allocations.get(stage))), rates.rounds()));
        return table.text();
    }
}
