package io.msgflow.inmemory.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.TransportException;
import io.msgflow.inmemory.QueueStats;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.internal.redrive.DeadLetterOperations;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.RedrivePolicy;
import io.msgflow.topology.Route;
import io.msgflow.internal.Deliveries.Unwrapping;
import io.msgflow.topology.Topology;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.MessageSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The emulated SNS and SQS of one transport: topics and queues by name. Lookups are lock-free;
 * provisioning is serialised by its own lock, which no message operation takes.
 */
public final class Broker {
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final boolean realTimeBound;
    private final ChangeNotifier notifier = new ChangeNotifier();
    private final Map<String, TopicState> topics = new ConcurrentHashMap<>();
    private final Map<String, QueueState> queues = new ConcurrentHashMap<>();
    private final Object provisioning = new Object();
    private volatile boolean closed;

    /**
     * @param realTimeBound whether an empty long poll also ends when the wait has passed on the wall clock
     */
    public Broker(Clock clock, String region, String accountId, boolean realTimeBound) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.realTimeBound = realTimeBound;
    }

    public Clock clock() {
        return clock;
    }

    boolean realTimeBound() {
        return realTimeBound;
    }

    public String topicArn(String topic) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + topic;
    }

    /** Creates what is missing, checks that what exists matches; all checks run before anything is created. */
    public void provision(Topology topology) {
        synchronized (provisioning) {
            checkOpen(topology.topic());
            checkConflicts(topology);
            Map<String, QueueState> created = new LinkedHashMap<>();
            for (QueueSpec spec : topology.queues()) {
                QueueState existing = queues.get(spec.name());
                if (existing != null) {
                    existing.wireFormat(topology.wireFormat());
                } else {
                    created.put(spec.name(), new QueueState(spec, topology.wireFormat(), clock, notifier::changed));
                }
            }
            for (QueueState q : created.values()) {
                q.spec().redrive().ifPresent(r -> q.deadLetterQueue(created.containsKey(r.deadLetterQueue())
                        ? created.get(r.deadLetterQueue()) : queues.get(r.deadLetterQueue())));
            }
            queues.putAll(created);
            TopicState topic = topics.computeIfAbsent(topology.topic(),
                    name -> new TopicState(name, topicArn(name), topology.contentBasedDeduplication(), clock));
            topic.subscribe(newSubscriptions(topic, topology));
        }
    }

    private List<TopicState.Subscription> newSubscriptions(TopicState topic, Topology topology) {
        List<TopicState.Subscription> added = new ArrayList<>();
        for (Route route : topology.routes()) {
            if (subscription(topic, route.queue()) == null) {
                added.add(new TopicState.Subscription(route, topic.arn() + ":" + Ids.uuid(), queues.get(route.queue())));
            }
        }
        return added;
    }

    private void checkConflicts(Topology topology) {
        for (QueueSpec spec : topology.queues()) {
            QueueState existing = queues.get(spec.name());
            if (existing != null && !existing.spec().equals(spec)) {
                throw new InvalidConfigurationException("queue", "queue '" + spec.name() + "' exists with other attributes: "
                        + existing.spec() + "; the topology of topic '" + topology.topic() + "' declares " + spec
                        + " (SQS refuses to create a queue again with different attributes)");
            }
        }
        TopicState topic = topics.get(topology.topic());
        if (topic == null) {
            return;
        }
        if (topic.contentBasedDeduplication() != topology.contentBasedDeduplication()) {
            throw new InvalidConfigurationException("contentBasedDeduplication", "topic '" + topic.name()
                    + "' exists with contentBasedDeduplication=" + topic.contentBasedDeduplication()
                    + ", but the topology declares " + topology.contentBasedDeduplication());
        }
        for (Route route : topology.routes()) {
            TopicState.Subscription existing = subscription(topic, route.queue());
            if (existing != null && !existing.route().equals(route)) {
                throw new InvalidConfigurationException("route", "queue '" + route.queue() + "' is subscribed to topic '"
                        + topic.name() + "' as " + existing.route() + ", but the topology declares " + route);
            }
        }
    }

    private static TopicState.Subscription subscription(TopicState topic, String queue) {
        for (TopicState.Subscription s : topic.subscriptions()) {
            if (s.route().queue().equals(queue)) {
                return s;
            }
        }
        return null;
    }

    public MessagePublisher publisher(Topology topology) {
        return new TopicPublisher(this, topology);
    }

    public MessagePublisher queueSender(Topology topology, String queue) {
        return new QueueSender(this, topology, queue);
    }

    public MessageSource source(Topology topology, String queue) {
        return new QueueSource(this, topology, queue);
    }

    /** The dead-letter queue the topology declares for {@code sourceQueue}. */
    public DeadLetterQueue deadLetterQueue(Topology topology, String sourceQueue) {
        String dlq = topology.requireQueue(sourceQueue).redrive().map(RedrivePolicy::deadLetterQueue)
                .orElseThrow(() -> new InvalidConfigurationException("deadLetterQueue", "queue '" + sourceQueue
                        + "' declares no dead-letter queue in the topology of topic '" + topology.topic() + "'"));
        return new DeadLetterOperations(new InMemoryDeadLetterPort(this, new QueueSource(this, topology, dlq), sourceQueue,
                Unwrapping.forQueue(topology, sourceQueue)));
    }

    TopicState topic(String name) {
        checkOpen(name);
        TopicState topic = topics.get(name);
        if (topic == null) {
            throw new ResourceNotFoundException(ResourceNotFoundException.Kind.TOPIC, name);
        }
        return topic;
    }

    QueueState queue(String name) {
        checkOpen(name);
        QueueState queue = queues.get(name);
        if (queue == null) {
            throw new ResourceNotFoundException(ResourceNotFoundException.Kind.QUEUE, name);
        }
        return queue;
    }

    public QueueStats stats(String queue) {
        return queue(queue).stats();
    }

    public java.util.OptionalLong nextDeadline(String queue) {
        return queue(queue).nextDeadline();
    }

    public List<QueuedMessage> messages(String queue) {
        return queue(queue).peek();
    }

    public int purge(String queue) {
        return queue(queue).purge();
    }

    /** Waits in real time until the condition holds; queue changes wake the waiter at once. */
    public boolean await(Duration timeout, BooleanSupplier condition) {
        return notifier.await(timeout, condition);
    }

    /** Wakes long-poll waiters after the test clock moved. */
    public void onTimeChanged() {
        queues.values().forEach(QueueState::wakeWaiters);
    }

    public void checkOpen(String resource) {
        if (closed) {
            throw new TransportException(resource, "the in-memory transport is closed", null);
        }
    }

    public void close() {
        synchronized (provisioning) {
            closed = true;
            queues.values().forEach(QueueState::close);
            queues.clear();
            topics.clear();
        }
    }
}
