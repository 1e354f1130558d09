package io.msgflow.topology;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers which queues of a topology a message reaches, by evaluating every route's filter
 * policy as SNS does. Thread-safe.
 */
public final class MessageRouter {
    private final Topology topology;

    private MessageRouter(Topology topology) {
        this.topology = topology;
    }

    public static MessageRouter of(Topology topology) {
        return new MessageRouter(topology);
    }

    /** The routes a message passes, in declaration order. */
    public List<Route> routesFor(Message message) {
        return routesFor(topology.wireFormat().wireAttributes(message), message.body());
    }

    /** The routes a message with these wire attributes and body passes. */
    public List<Route> routesFor(Map<String, MessageAttribute> wireAttributes, String body) {
        List<Route> matched = new ArrayList<>(2);
        for (Route route : topology.routes()) {
            if (route.accepts(wireAttributes, body)) {
                matched.add(route);
            }
        }
        return matched;
    }

    /** Names of the queues a message reaches. */
    public List<String> queuesFor(Message message) {
        List<String> names = new ArrayList<>(2);
        for (Route r : routesFor(message)) {
            names.add(r.queue());
        }
        return names;
    }
}
