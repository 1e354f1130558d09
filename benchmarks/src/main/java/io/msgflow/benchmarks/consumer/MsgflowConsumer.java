package io.msgflow.benchmarks.consumer;

import io.msgflow.aws.AwsTransport;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.processing.MessageConsumer;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * msgflow's {@link MessageConsumer} on an {@link AwsTransport}, with the settings a candidate
 * names (none: the defaults). The clock stops at the last successful {@code DeleteMessageBatch}.
 */
final class MsgflowConsumer implements Candidate {
    private final String name;
    private final AwsTransport transport;
    private final UnaryOperator<MessageConsumer.Builder> settings;
    private final Runnable onClose;

    /** A candidate that closes {@code transport} when closed. */
    MsgflowConsumer(String name, AwsTransport transport, UnaryOperator<MessageConsumer.Builder> settings) {
        this(name, transport, settings, () -> {
        });
    }

    /** A candidate that closes {@code transport}, then runs {@code onClose} (for clients the transport does not own). */
    MsgflowConsumer(String name, AwsTransport transport, UnaryOperator<MessageConsumer.Builder> settings, Runnable onClose) {
        this.name = name;
        this.transport = transport;
        this.settings = settings;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long drain(BenchQueue queue, Checksum checksum) throws Exception {
        Completion completion = new Completion(queue.messages());
        CountingSource source = new CountingSource(transport.source(queue.topology(), queue.name()), completion);
        MessageConsumer consumer = settings.apply(MessageConsumer.builder(source, BenchMessages.processor(checksum))).build();
        long start = System.nanoTime();
        consumer.start();
        try {
            return completion.await(name, queue.name()) - start;
        } finally {
            // A poller may sit in a long poll of the empty queue; it ends on its own and holds nothing.
            consumer.stop(Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        transport.close();
        onClose.run();
    }
}
