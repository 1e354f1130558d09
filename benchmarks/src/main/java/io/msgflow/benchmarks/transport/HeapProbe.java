package io.msgflow.benchmarks.transport;

import io.msgflow.Message;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs in a JVM of its own, forked by {@link HeapMeasurement} with a fixed {@code -Xmx}: queues
 * {@code count} messages with 200-byte bodies, either on the in-memory transport (published to the
 * topic, routed to the two queues, not received) or in an {@link ArrayBlockingQueue}, and prints
 * the heap in use after a full collection before and after, as {@code RESULT <before> <after> <max>};
 * {@code OOM <queued>} when the heap ran out first.
 *
 * <p>Arguments: {@code msgflow|array-blocking-queue <count>}.
 */
public final class HeapProbe {
    static final String MSGFLOW = "msgflow";
    static final String QUEUE = "array-blocking-queue";

    private static volatile int queued;

    private HeapProbe() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try {
            Object holder;
            long before;
            if (MSGFLOW.equals(mode)) {
                InMemoryTransport transport = InMemoryTransport.create();
                Topology topology = BenchMessages.topology("heap");
                transport.provision(topology);
                before = usedAfterCollection(memory);
                publish(transport.publisher(topology), count);
                int onQueues = transport.stats(BenchMessages.notifications("heap")).total() + transport.stats(BenchMessages.alerts("heap")).total();
                InMemoryPipeline.check(onQueues == count, onQueues + " messages on the queues instead of " + count);
                holder = transport;
            } else if (QUEUE.equals(mode)) {
                before = usedAfterCollection(memory);
                holder = fill(count);
            } else {
                throw new IllegalArgumentException("mode must be " + MSGFLOW + " or " + QUEUE + ", but was '" + mode + "'");
            }
            long after = usedAfterCollection(memory);
            System.out.println("RESULT " + before + " " + after + " " + memory.getHeapMemoryUsage().getMax());
            Reference.reachabilityFence(holder);
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + queued);
            System.exit(3);
        }
    }

    private static void publish(MessagePublisher publisher, int count) {
        List<Message> batch = new ArrayList<>(10);
        for (int n = 0; n < count; n++) {
            batch.add(BenchMessages.message(n));
            if (batch.size() == 10 || n == count - 1) {
                InMemoryPipeline.check(publisher.publishBatch(batch).allSucceeded(), "the topic refused a message");
                queued += batch.size();
                batch.clear();
            }
        }
    }

    private static BlockingQueue<Message> fill(int count) {
        BlockingQueue<Message> queue = new ArrayBlockingQueue<>(count);
        for (int n = 0; n < count; n++) {
            queue.add(BenchMessages.message(n));
            queued++;
        }
        return queue;
    }

    private static long usedAfterCollection(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
