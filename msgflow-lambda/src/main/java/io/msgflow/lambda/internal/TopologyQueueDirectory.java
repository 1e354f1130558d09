package io.msgflow.lambda.internal;

import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageTransport;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;

/** Queues declared in a {@link Topology} on any transport (the in-memory one in tests and local runs). */
public final class TopologyQueueDirectory implements QueueDirectory {
    private final MessageTransport transport;
    private final Topology topology;
    private final ToIntFunction<String> depth;
    private final ConcurrentMap<String, QueueAccess> queues = new ConcurrentHashMap<>();

    public TopologyQueueDirectory(MessageTransport transport, Topology topology, ToIntFunction<String> depth) {
        this.transport = transport;
        this.topology = topology;
        this.depth = depth;
    }

    @Override
    public QueueAccess queue(String name, Optional<String> url) {
        return queues.computeIfAbsent(name, n -> {
            QueueSpec spec = topology.requireQueue(n);
            return new QueueAccess(spec, transport.source(topology, n), () -> OptionalInt.of(depth.applyAsInt(n)));
        });
    }
}
