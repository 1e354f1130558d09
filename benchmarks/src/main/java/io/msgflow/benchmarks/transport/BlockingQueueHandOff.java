package io.msgflow.benchmarks.transport;

import io.msgflow.Message;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The baseline: the same messages handed over through a plain {@link ArrayBlockingQueue}, and the
 * same work per message (decode with the same codec, add to the checksum); no topic, no filter,
 * no visibility, no acknowledgement.
 */
public final class BlockingQueueHandOff {
    private static final Message END = BenchMessages.message(0);

    private BlockingQueueHandOff() {
    }

    /** Puts every message into a queue that holds them all, then takes and handles every one, {@code reps} times. */
    public static Timing fillThenDrain(List<Message> messages, int reps) throws InterruptedException {
        Checksum checksum = new Checksum();
        BlockingQueue<Message> queue = new ArrayBlockingQueue<>(messages.size());
        Timing total = Timing.zero();
        for (int rep = 0; rep < reps; rep++) {
            long start = System.nanoTime();
            for (Message m : messages) {
                queue.put(m);
            }
            long filled = System.nanoTime();
            for (Message m = queue.poll(); m != null; m = queue.poll()) {
                checksum.add(BenchMessages.CODEC.decode(m));
            }
            total = total.plus(new Timing(filled - start, System.nanoTime() - filled));
        }
        InMemoryPipeline.checkHandled(checksum, messages.size(), reps);
        return total;
    }

    /**
     * One producer and {@code consumers} consumer threads over a queue of {@code capacity}; the
     * clock stops when every message is handled.
     */
    public static long streaming(List<Message> messages, int consumers, int capacity) throws InterruptedException {
        Checksum checksum = new Checksum();
        BlockingQueue<Message> queue = new ArrayBlockingQueue<>(capacity);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Thread t = new Thread(() -> consume(queue, checksum), "hand-off-consumer-" + i);
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        for (Message m : messages) {
            queue.put(m);
        }
        for (int i = 0; i < consumers; i++) {
            queue.put(END);
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        InMemoryPipeline.checkHandled(checksum, messages.size(), 1);
        return nanos;
    }

    private static void consume(BlockingQueue<Message> queue, Checksum checksum) {
        try {
            for (Message m = queue.take(); m != END; m = queue.take()) {
                checksum.add(BenchMessages.CODEC.decode(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
