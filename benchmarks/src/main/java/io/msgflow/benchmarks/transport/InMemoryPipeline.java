package io.msgflow.benchmarks.transport;

import io.msgflow.Message;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.benchmarks.transport.BenchMessages.CriticalAlert;
import io.msgflow.benchmarks.transport.BenchMessages.Notification;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.processing.MessageConsumer;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * msgflow end to end on the in-memory transport: publish to the topic, filter by type, enqueue on
 * each type's queue, receive, decode, run the handler, acknowledge. Each run checks that every
 * message was handled exactly once and that the queues are empty after it.
 */
public final class InMemoryPipeline {
    private InMemoryPipeline() {
    }

    /**
     * Publishes all messages (batches of 10), then drains both queues on the
     * same thread ({@code receive} of 10 and {@code processAndSettle}, as a poller does), {@code reps}
     * times over one transport.
     */
    public static Timing fillThenDrain(Publishing publishing, List<Message> messages, int reps) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = BenchMessages.topology(suffix);
        Checksum checksum = new Checksum();
        MessageProcessor processor = BenchMessages.processor(checksum);
        Timing total = Timing.zero();
        try (InMemoryTransport transport = InMemoryTransport.create()) {
            transport.provision(topology);
            List<MessageSource> sources = List.of(transport.source(topology, BenchMessages.notifications(suffix)),
                    transport.source(topology, BenchMessages.alerts(suffix)));
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                int refused = publishing.publish(transport.publisher(topology), messages);
                long filled = System.nanoTime();
                sources.forEach(source -> drain(source, processor));
                total = total.plus(new Timing(filled - start, System.nanoTime() - filled));
                check(refused == 0, "the topic refused " + refused + " messages");
            }
            checkEmpty(transport, suffix);
        }
        checkHandled(checksum, messages.size(), reps);
        return total;
    }

    private static void drain(MessageSource source, MessageProcessor processor) {
        for (List<ReceivedMessage> batch = source.receive(10, Duration.ZERO); !batch.isEmpty(); batch = source.receive(10, Duration.ZERO)) {
            processor.processAndSettle(batch, source);
        }
    }

    /**
     * One consumer per queue (one poller each) runs while this thread publishes; the clock stops
     * when every message is handled and acknowledged.
     *
     * @return nanoseconds from the first publish to the last acknowledgement
     */
    public static long streaming(Publishing publishing, List<Message> messages) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = BenchMessages.topology(suffix);
        Checksum checksum = new Checksum();
        MessageProcessor processor = BenchMessages.processor(checksum);
        long nanos;
        try (InMemoryTransport transport = InMemoryTransport.create()) {
            transport.provision(topology);
            List<MessageConsumer> consumers = List.of(
                    MessageConsumer.builder(transport.source(topology, BenchMessages.notifications(suffix)), processor).build(),
                    MessageConsumer.builder(transport.source(topology, BenchMessages.alerts(suffix)), processor).build());
            consumers.forEach(MessageConsumer::start);
            long start = System.nanoTime();
            int refused = publishing.publish(transport.publisher(topology), messages);
            transport.await(Duration.ofMinutes(10), () -> checksum.handled() == messages.size()
                    && transport.stats(BenchMessages.notifications(suffix)).total() + transport.stats(BenchMessages.alerts(suffix)).total() == 0);
            nanos = System.nanoTime() - start;
            consumers.forEach(c -> c.stop(Duration.ofSeconds(30)));
            check(refused == 0, "the topic refused " + refused + " messages");
        }
        checkHandled(checksum, messages.size(), 1);
        return nanos;
    }

    private static void checkEmpty(InMemoryTransport transport, String suffix) {
        int left = transport.stats(BenchMessages.notifications(suffix)).total() + transport.stats(BenchMessages.alerts(suffix)).total();
        check(left == 0, left + " messages left on the queues");
    }

    static void checkHandled(Checksum checksum, int messages, int reps) {
        check(checksum.handled() == (long) messages * reps, "handled " + checksum.handled() + " messages instead of " + (long) messages * reps);
        check(checksum.sum() == reps * BenchMessages.expectedSum(messages), "the checksum is wrong: a message was handled twice or not at all");
    }

    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
