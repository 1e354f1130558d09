package io.msgflow.inmemory.internal;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.internal.SnsEnvelope;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.Route;
import io.msgflow.transport.PublishReceipt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SNS topic and its subscriptions. A standard topic publishes without any lock of its own; a
 * FIFO topic publishes under its own lock, so that deduplication, sequence numbers and the order
 * in which copies reach each queue agree. The copies of one batch for one queue enter it under a
 * single acquisition of that queue's lock.
 */
final class TopicState {
    private final String name;
    private final String arn;
    private final boolean contentBasedDeduplication;
    private final Clock clock;
    private volatile List<Subscription> subscriptions = List.of();
    private final ReentrantLock fifoLock = new ReentrantLock();
    private final Deduplicator<Published> deduplicator;
    private long sequence;

    /** A queue subscribed to the topic through a route. */
    record Subscription(Route route, String arn, QueueState queue) {
    }

    private record Published(String logicalId, String messageId, String sequenceNumber) {
    }

    TopicState(String name, String arn, boolean contentBasedDeduplication, Clock clock) {
        this.name = name;
        this.arn = arn;
        this.contentBasedDeduplication = contentBasedDeduplication;
        this.clock = clock;
        this.deduplicator = name.endsWith(".fifo") ? new Deduplicator<>() : null;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Adds subscriptions; called under the broker's provisioning lock only. */
    void subscribe(List<Subscription> added) {
        List<Subscription> all = new ArrayList<>(subscriptions);
        all.addAll(added);
        subscriptions = List.copyOf(all);
    }

    /**
     * Publishes validated messages in order: every subscription whose route accepts a message gets
     * a copy, raw or in the SNS envelope. On a FIFO topic a deduplication id seen in the last five
     * minutes is answered with the original's ids (msgflow's id included: the one the queues hold)
     * and nothing is delivered.
     */
    List<PublishReceipt> publish(List<Prepared> messages) {
        if (deduplicator == null) {
            return fanOut(messages);
        }
        fifoLock.lock();
        try {
            return fanOut(messages);
        } finally {
            fifoLock.unlock();
        }
    }

    private List<PublishReceipt> fanOut(List<Prepared> messages) {
        List<Subscription> subs = subscriptions;
        List<List<Pending>> perSubscription = new ArrayList<>(subs.size());
        subs.forEach(s -> perSubscription.add(new ArrayList<>(messages.size())));
        Instant now = clock.instant();
        List<PublishReceipt> receipts = new ArrayList<>(messages.size());
        for (Prepared p : messages) {
            receipts.add(route(p, subs, perSubscription, now));
        }
        for (int i = 0; i < subs.size(); i++) {
            if (!perSubscription.get(i).isEmpty()) {
                subs.get(i).queue().send(perSubscription.get(i));
            }
        }
        return receipts;
    }

    private PublishReceipt route(Prepared p, List<Subscription> subs, List<List<Pending>> perSubscription, Instant now) {
        Message m = p.message();
        String deduplicationId = deduplicator == null ? null : PublishChecks.deduplicationId(m);
        Published original = deduplicator == null ? null : deduplicator.find(deduplicationId, now.toEpochMilli());
        if (original != null) {
            return new PublishReceipt(original.logicalId, original.messageId, Optional.of(original.sequenceNumber));
        }
        Published ids = new Published(m.id(), Ids.uuid(), deduplicator == null ? null : Ids.sequenceNumber(++sequence));
        Map<String, MessageAttribute> frozen = null;
        for (int i = 0; i < subs.size(); i++) {
            Subscription s = subs.get(i);
            if (s.route().accepts(p.wireAttributes(), m.body())) {
                if (s.route().delivery() == Delivery.RAW) {
                    frozen = frozen != null ? frozen : Map.copyOf(p.wireAttributes());
                }
                perSubscription.get(i).add(new Pending(copyFor(s, p, frozen, ids, now), deduplicationId));
            }
        }
        if (deduplicator != null) {
            deduplicator.remember(deduplicationId, ids, now.toEpochMilli());
        }
        return new PublishReceipt(m.id(), ids.messageId, Optional.ofNullable(ids.sequenceNumber));
    }

    private StoredMessage copyFor(Subscription s, Prepared p, Map<String, MessageAttribute> frozen, Published ids, Instant now) {
        Message m = p.message();
        String groupId = m.groupId().orElse(null);
        if (s.route().delivery() == Delivery.RAW) {
            return StoredMessage.of(m.body(), frozen, groupId, now);
        }
        String envelope = SnsEnvelope.write(arn, s.arn(), ids.messageId, Optional.ofNullable(ids.sequenceNumber), Optional.empty(),
                m.body(), now, p.wireAttributes());
        return StoredMessage.envelope(envelope, groupId, now);
    }
}
