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
 * all) and to decoding alone, the work both share. Microseconds per message, median of the rounds.
 */
public final class StageBreakdown {
    private final Map<String, Rates> stages = new LinkedHashMap<>();

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
            long start = System.nanoTime();
            int refused = Publishing.BATCH_BY_BATCH.publish(transport.publisher(topology), messages);
            long published = System.nanoTime();
            List<List<ReceivedMessage>> batches = new ArrayList<>();
            List<MessageSource> batchSources = new ArrayList<>();
            for (MessageSource source : sources) {
                for (List<ReceivedMessage> b = source.receive(10, Duration.ZERO); !b.isEmpty(); b = source.receive(10, Duration.ZERO)) {
                    batches.add(b);
                    batchSources.add(source);
                }
            }
            long received = System.nanoTime();
            List<BatchResult> results = new ArrayList<>(batches.size());
            batches.forEach(b -> results.add(processor.process(b)));
            long processed = System.nanoTime();
            int failed = 0;
            for (int i = 0; i < results.size(); i++) {
                failed += batchSources.get(i).acknowledge(results.get(i).acked()).failed().size();
            }
            long acknowledged = System.nanoTime();
            InMemoryPipeline.check(refused == 0 && failed == 0, refused + " publishes and " + failed + " acknowledgements failed");
            add("msgflow: publish (filter by type, enqueue)", messages.size(), published - start);
            add("msgflow: receive", messages.size(), received - published);
            add("msgflow: process (build the Message, decode, handler)", messages.size(), processed - received);
            add("msgflow: acknowledge", messages.size(), acknowledged - processed);
            add("msgflow: all four", messages.size(), acknowledged - start);
        }
        InMemoryPipeline.checkHandled(checksum, messages.size(), 1);
        long start = System.nanoTime();
        long sum = 0;
        for (Message m : messages) {
            sum += BenchMessages.CODEC.decode(m).hashCode();
        }
        add("decode alone (shared by both)", messages.size(), System.nanoTime() - start + (sum == 1 ? 1 : 0));
    }

    private static Object add(Checksum checksum, Object payload) {
        checksum.add(payload);
        return null;
    }

    private void baseline(List<Message> messages) throws InterruptedException {
        ArrayBlockingQueue<Message> queue = new ArrayBlockingQueue<>(messages.size());
        long start = System.nanoTime();
        for (Message m : messages) {
            queue.put(m);
        }
        long filled = System.nanoTime();
        int taken = 0;
        while (queue.poll() != null) {
            taken++;
        }
        long drained = System.nanoTime();
        InMemoryPipeline.check(taken == messages.size(), "took " + taken + " of " + messages.size());
        add("ArrayBlockingQueue: put", messages.size(), filled - start);
        add("ArrayBlockingQueue: poll", messages.size(), drained - filled);
    }

    private void add(String stage, int messages, long nanos) {
        stages.computeIfAbsent(stage, s -> new Rates()).add(messages, nanos);
    }

    private String table() {
        MarkdownTable table = new MarkdownTable("stage", "µs per message (median)", "rounds");
        stages.forEach((stage, rates) -> table.row(stage, decimal(1e6 / rates.median(), 3), rates.rounds()));
        return table.text();
    }
}
