package io.msgflow.topology;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.WireFormat;
import io.msgflow.codec.MessageCodec;
import io.msgflow.filter.FilterPolicy;
import io.msgflow.filter.FilterPolicyBuilder;
import io.msgflow.filter.Match;
import io.msgflow.internal.Check;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One topic, its queues (dead-letter queues included) and the routes between them: a plain,
 * inspectable value. The same value provisions the in-memory emulator and AWS and checks the
 * SAM stack. Immutable and thread-safe; {@link Builder#build()} checks that every route and
 * redrive names a declared queue and that FIFO topics feed only FIFO queues.
 *
 * <pre>{@code
 * Topology topology = Topology.builder("events")
 *     .queue(QueueSpec.builder("notifications").deadLetterQueue("notifications-dlq", 5).build())
 *     .routeType("notification", "notifications")
 *     .build();
 * }</pre>
 */
public final class Topology {
    static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}(\\.fifo)?|[A-Za-z0-9_-]{1,256}");

    private final String topic;
    private final boolean contentBasedDeduplication;
    private final Map<String, QueueSpec> queues;
    private final List<Route> routes;
    private final WireFormat wireFormat;

    private Topology(Builder b) {
        this.topic = b.topic;
        this.contentBasedDeduplication = b.contentBasedDeduplication;
        this.wireFormat = b.wireFormat;
        Map<String, QueueSpec> all = new LinkedHashMap<>(b.queues);
        for (QueueSpec q : b.queues.values()) {
            q.redrive().ifPresent(r -> all.putIfAbsent(r.deadLetterQueue(), QueueSpec.named(r.deadLetterQueue())));
        }
        this.queues = Collections.unmodifiableMap(all);
        this.routes = List.copyOf(b.routes);
        checkRoutes();
    }

    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    public String topic() {
        return topic;
    }

    public boolean isFifo() {
        return topic.endsWith(".fifo");
    }

    /** FIFO topics only: deduplicate by a SHA-256 of the body when no deduplication id is given. */
    public boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    /** All queues in declaration order, dead-letter queues included. */
    public List<QueueSpec> queues() {
        return List.copyOf(queues.values());
    }

    public Optional<QueueSpec> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /** The declared queue, or an exception naming it. */
    public QueueSpec requireQueue(String name) {
        QueueSpec q = queues.get(name);
        if (q == null) {
            throw new InvalidConfigurationException("queue", "queue '" + name + "' is not declared in the topology of topic '"
                    + topic + "'; declared: " + queues.keySet());
        }
        return q;
    }

    public List<Route> routes() {
        return routes;
    }

    public WireFormat wireFormat() {
        return wireFormat;
    }

    /**
     * The queues a message can fail on for good with nowhere to go: every queue that is not itself
     * a dead-letter queue of the topology and declares none. A message that always fails there is
     * received again until the queue's retention ends. Provisioning reports them before the first
     * message arrives.
     */
    public List<QueueSpec> queuesWithoutDeadLetterQueue() {
        List<String> deadLetterQueues = queues.values().stream()
                .flatMap(q -> q.redrive().stream()).map(RedrivePolicy::deadLetterQueue).toList();
        return queues.values().stream()
                .filter(q -> q.redrive().isEmpty() && !deadLetterQueues.contains(q.name()))
                .toList();
    }

    private void checkRoutes() {
        for (Route r : routes) {
            QueueSpec q = requireQueue(r.queue());
            if (isFifo() != q.isFifo()) {
                throw new InvalidConfigurationException("route", "topic '" + topic + "' is " + (isFifo() ? "FIFO" : "standard")
                        + " and can deliver only to " + (isFifo() ? "FIFO" : "standard") + " queues, but route targets '" + q.name() + "'");
            }
        }
        if (contentBasedDeduplication && !isFifo()) {
            throw new InvalidConfigurationException("contentBasedDeduplication",
                    "topic '" + topic + "': `contentBasedDeduplication` needs a FIFO topic (name ending in .fifo)");
        }
        Map<String, Route> byQueue = new LinkedHashMap<>();
        for (Route r : routes) {
            if (byQueue.put(r.queue(), r) != null) {
                throw new InvalidConfigurationException("route", "queue '" + r.queue()
                        + "' has two routes; SNS allows one subscription per topic and queue (merge them with $or)");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Topology)) {
            return false;
        }
        Topology t = (Topology) o;
        return topic.equals(t.topic) && contentBasedDeduplication == t.contentBasedDeduplication && queues.equals(t.queues)
                && routes.equals(t.routes) && wireFormat.typeAttribute().equals(t.wireFormat.typeAttribute())
                && wireFormat.idAttribute().equals(t.wireFormat.idAttribute());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(topic, queues, routes);
    }

    @Override
    public String toString() {
        return "Topology{topic=" + topic + ", queues=" + queues.values() + ", routes=" + routes + ", " + wireFormat + "}";
    }

    /** Builds a {@link Topology}. */
    public static final class Builder {
        private final String topic;
        private boolean contentBasedDeduplication;
        private final Map<String, QueueSpec> queues = new LinkedHashMap<>();
        private final List<Route> routes = new ArrayList<>();
        private WireFormat wireFormat = WireFormat.defaults();
        private MessageCodec codec;

        private Builder(String topic) {
            this.topic = Check.matches("topic name", topic, TOPIC_NAME,
                    "must be 1 to 256 characters of A-Z, a-z, 0-9, hyphen and underscore (FIFO names end in .fifo)");
        }

        public Builder queue(QueueSpec queue) {
            if (queues.putIfAbsent(queue.name(), queue) != null) {
                throw new InvalidConfigurationException("queue", "queue '" + queue.name() + "' is declared twice");
            }
            return this;
        }

        /** Declares a queue with SQS defaults. */
        public Builder queue(String name) {
            return queue(QueueSpec.named(name));
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        /**
         * Routes the given message types to {@code queue} through an attribute filter policy on the
         * type attribute, delivered raw.
         */
        public Builder routeType(String type, String queue) {
            return routeTypes(queue, type);
        }

        /**
         * Routes a message type to {@code queue} with the given delivery: {@link Delivery#ENVELOPE}
         * for queues whose existing consumers read the SNS envelope.
         */
        public Builder routeType(String type, String queue, Delivery delivery) {
            return route(typeRoute(queue, type).delivery(delivery));
        }

        /** Routes several message types to one queue, delivered raw. */
        public Builder routeTypes(String queue, String... types) {
            return route(typeRoute(queue, types));
        }

        private Route typeRoute(String queue, String... types) {
            return Route.toQueue(queue).filter(FilterPolicy.matchingTypes(wireFormat.typeAttribute(), types));
        }

        /** The codec whose registered type names {@link #routeType(Class, String)} routes by. */
        public Builder codec(MessageCodec value) {
            this.codec = Check.notNull("codec", value);
            return this;
        }

        /** Routes a payload class (its name registered with {@link #codec}) to {@code queue}. */
        public Builder routeType(Class<?> payloadType, String queue) {
            return routeTypes(queue, payloadType);
        }

        /** Routes several payload classes to one queue. */
        public Builder routeTypes(String queue, Class<?>... payloadTypes) {
            return routeTypes(queue, typeNames(payloadTypes));
        }

        /**
         * Routes a payload class to {@code queue} when the message also passes the attribute
         * conditions {@code alsoRequire} adds, e.g. {@code p -> p.where("amount", Match.atLeast(1000))}.
         */
        public Builder routeType(Class<?> payloadType, String queue, Consumer<FilterPolicyBuilder> alsoRequire) {
            FilterPolicyBuilder policy = FilterPolicyBuilder.attributes()
                    .where(wireFormat.typeAttribute(), Match.exactly(typeNames(payloadType)[0]));
            alsoRequire.accept(policy);
            return route(Route.toQueue(queue).filter(policy.build()));
        }

        private String[] typeNames(Class<?>... payloadTypes) {
            if (codec == null) {
                throw new InvalidConfigurationException("codec", "routing by payload class needs the codec that names the types: call `codec(...)` first");
            }
            return java.util.Arrays.stream(payloadTypes).map(codec::typeName).toArray(String[]::new);
        }

        public Builder wireFormat(WireFormat value) {
            if (!routes.isEmpty()) {
                throw new InvalidConfigurationException("wireFormat", "set `wireFormat` before the routes that use its type attribute");
            }
            this.wireFormat = Check.notNull("wireFormat", value);
            return this;
        }

        public Builder contentBasedDeduplication(boolean value) {
            this.contentBasedDeduplication = value;
            return this;
        }

        public Topology build() {
            return new Topology(this);
        }
    }
}
