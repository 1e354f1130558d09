package io.msgflow.benchmarks.consumer;

import io.msgflow.Message;
import io.msgflow.aws.AwsTransport;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishResult;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fresh queue holding both message types, preloaded before a candidate starts: every candidate
 * of every round drains a queue of its own, so no run sees another's leftovers.
 */
record BenchQueue(Topology topology, String name, int messages) {
    private static final int PRELOAD_THREADS = 4;

    /** Creates the queue and sends {@code messages} to it in batches of 10 from a few threads; not timed. */
    static BenchQueue preloaded(AwsTransport transport, List<Message> messages) throws Exception {
        String name = "consumer-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Topology topology = Topology.builder(name).queue(name).build();
        transport.provision(topology);
        MessagePublisher sender = transport.queueSender(topology, name);
        ExecutorService pool = Executors.newFixedThreadPool(PRELOAD_THREADS);
        try {
            List<Future<PublishResult>> parts = new ArrayList<>();
            int share = (messages.size() + PRELOAD_THREADS - 1) / PRELOAD_THREADS;
            for (int from = 0; from < messages.size(); from += share) {
                List<Message> part = messages.subList(from, Math.min(messages.size(), from + share));
                parts.add(pool.submit(() -> sender.publishAll(part)));
            }
            for (Future<PublishResult> part : parts) {
                PublishResult result = part.get();
                if (!result.allSucceeded()) {
                    throw new IllegalStateException("queue '" + name + "': " + result.failed().size() + " messages were refused, the first: "
                            + result.failed().get(0));
                }
            }
        } finally {
            pool.shutdown();
        }
        return new BenchQueue(topology, name, messages.size());
    }
}
