package io.msgflow.internal.redrive;

import io.msgflow.MsgflowException;
import io.msgflow.internal.Check;
import io.msgflow.transport.DeadLetterFilter;
import io.msgflow.transport.DeadLetterMessage;
import io.msgflow.transport.DeadLetterQueue;
import io.msgflow.transport.EntryFailure;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.RedriveMethod;
import io.msgflow.transport.RedriveOptions;
import io.msgflow.transport.RedriveResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listing and receive/send/delete redrive over a {@link DeadLetterPort}: the one implementation of
 * both on every transport. A run stops at the first empty receive, at its limit, when it meets
 * only messages it already handled (the dead-letter queue has wrapped around), or after looking at
 * 100 000 messages; messages it does not move are handed back when it ends, whatever ends it (it
 * keeps only their receipt handles meanwhile).
 */
public final class DeadLetterOperations implements DeadLetterQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOperations.class);
    /** How long {@link #list} holds what it has seen. */
    public static final Duration LIST_HOLD = Duration.ofSeconds(30);
    private static final int MAX_LIST = 10_000;
    private static final int BATCH = 10;
    /** The most messages one run looks at, so that a queue that keeps filling cannot keep it going. */
    private static final int MAX_SCAN = 100_000;

    private final DeadLetterPort port;
    private final IntFunction<Pacer> pacers;

    /** @param pacers a pacer for a rate in messages per second */
    public DeadLetterOperations(DeadLetterPort port, IntFunction<Pacer> pacers) {
        this.port = port;
        this.pacers = pacers;
    }

    public DeadLetterOperations(DeadLetterPort port) {
        this(port, Pacer::realTime);
    }

    @Override
    public String name() {
        return port.deadLetters().queue();
    }

    @Override
    public String sourceQueue() {
        return port.sourceQueue();
    }

    @Override
    public List<DeadLetterMessage> list(DeadLetterFilter filter, int limit) {
        Check.notNull("filter", filter);
        Check.between("limit", limit, 1, MAX_LIST);
        List<DeadLetterMessage> listed = new ArrayList<>();
        Held held = new Held();
        try {
            while (listed.size() < limit) {
                List<HeldMessage> batch = held.fresh(port.receive(BATCH, LIST_HOLD));
                if (batch.isEmpty()) {
                    break;
                }
                for (HeldMessage m : batch) {
                    DeadLetterMessage view = m.view();
                    if (filter.matches(view) && listed.size() < limit) {
                        listed.add(view);
                    }
                }
            }
        } finally {
            held.handBackAll();
        }
        return listed;
    }

    @Override
    public RedriveResult redrive(RedriveOptions options) {
        Check.notNull("options", options);
        if (options.method() == RedriveMethod.MOVE_TASK) {
            throw new io.msgflow.InvalidConfigurationException("method", "queue '" + name()
                    + "': this transport has no SQS move task; use RECEIVE_SEND_DELETE or AUTO");
        }
        return receiveSendDelete(options);
    }

    /** Redrive by receiving from the dead-letter queue, sending to the source queue, then deleting. */
    public RedriveResult receiveSendDelete(RedriveOptions options) {
        Pacer pacer = pacers.apply(options.messagesPerSecond());
        List<String> moved = new ArrayList<>();
        List<EntryFailure> failures = new ArrayList<>();
        Held held = new Held();
        int left = 0;
        try {
            while (moved.size() + failures.size() < options.maxMessages()) {
                int room = Math.min(BATCH, options.maxMessages() - moved.size() - failures.size());
                List<HeldMessage> batch = held.fresh(port.receive(room, options.hold()));
                if (batch.isEmpty()) {
                    break;
                }
                List<HeldMessage> selected = new ArrayList<>();
                for (HeldMessage m : batch) {
                    if (options.filter().matches(m.view())) {
                        selected.add(m);
                    } else {
                        left++;
                    }
                }
                if (!selected.isEmpty()) {
                    pacer.acquire(selected.size());
                    move(selected, held, moved, failures);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("queue '{}': redrive interrupted after moving {} message(s)", name(), moved.size());
        } finally {
            held.handBackAll();
        }
        return new RedriveResult(RedriveMethod.RECEIVE_SEND_DELETE, moved, left, failures, Optional.empty());
    }

    private void move(List<HeldMessage> selected, Held held, List<String> moved, List<EntryFailure> failures) {
        OperationResult sent = port.sendToSource(selected);
        failures.addAll(sent.failed());
        List<HeldMessage> toDelete = new ArrayList<>();
        for (HeldMessage m : selected) {
            if (contains(sent.succeeded(), m.delivery())) {
                toDelete.add(m);
            }
        }
        OperationResult deleted = toDelete.isEmpty() ? OperationResult.empty() : port.deadLetters().acknowledge(deliveries(toDelete));
        for (HeldMessage m : toDelete) {
            if (contains(deleted.succeeded(), m.delivery())) {
                moved.add(m.delivery().id());
                held.release(m);
            }
        }
        deleted.failed().forEach(f -> LOG.warn("queue '{}': message {} was sent back to '{}' but stays on the dead-letter queue "
                + "({}: {}); the sink absorbs the repeat", name(), f.message().id(), sourceQueue(), f.code(), f.reason()));
        failures.addAll(deleted.failed());
    }

    private static List<ReceivedMessage> deliveries(List<HeldMessage> messages) {
        return messages.stream().map(HeldMessage::delivery).toList();
    }

    private static boolean contains(List<ReceivedMessage> deliveries, ReceivedMessage delivery) {
        for (ReceivedMessage d : deliveries) {
            if (d.receiptHandle().equals(delivery.receiptHandle())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a run holds invisible on the dead-letter queue (the latest delivery of each message) and
     * what it has seen.
     */
    private final class Held {
        private final Set<String> seen = new HashSet<>();
        private final Map<String, HeldMessage> holding = new LinkedHashMap<>();

        /** The messages not seen before in this run; all of them are held until handed back or released. */
        List<HeldMessage> fresh(List<HeldMessage> received) {
            if (seen.size() >= MAX_SCAN) {
                received.forEach(this::hold);
                return List.of();
            }
            List<HeldMessage> fresh = new ArrayList<>(received.size());
            for (HeldMessage m : received) {
                hold(m);
                if (seen.add(m.delivery().transportMessageId())) {
                    fresh.add(m);
                }
            }
            return fresh;
        }

        private void hold(HeldMessage m) {
            holding.put(m.delivery().transportMessageId(), m.stripped());
        }

        void release(HeldMessage m) {
            holding.remove(m.delivery().transportMessageId());
        }

        void handBackAll() {
            List<HeldMessage> all = new ArrayList<>(holding.values());
            for (int i = 0; i < all.size(); i += BATCH) {
                List<HeldMessage> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
                try {
                    OperationResult result = port.deadLetters().changeVisibility(deliveries(chunk), Duration.ZERO);
                    result.failed().forEach(f -> LOG.info("queue '{}': message {} not handed back ({}); visible again when its hold ends",
                            name(), f.message().id(), f.code()));
                } catch (MsgflowException e) {
                    LOG.warn("queue '{}': {} message(s) not handed back; visible again when their hold ends: {}",
                            name(), chunk.size(), e.getMessage());
                }
            }
            holding.clear();
        }
    }
}
