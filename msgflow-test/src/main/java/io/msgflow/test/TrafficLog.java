package io.msgflow.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The harness's record of traffic, in order; thread-safe, since consumer threads record too. */
final class TrafficLog {
    private final List<TrafficEvent> events = new ArrayList<>();

    synchronized void add(TrafficEvent event) {
        events.add(event);
    }

    synchronized List<TrafficEvent> all() {
        return List.copyOf(events);
    }

    synchronized <E extends TrafficEvent> List<E> of(Class<E> kind, Predicate<? super E> filter) {
        List<E> matching = new ArrayList<>();
        for (TrafficEvent e : events) {
            if (kind.isInstance(e) && filter.test(kind.cast(e))) {
                matching.add(kind.cast(e));
            }
        }
        return matching;
    }

    /**
     * Runs {@code action} holding the log, so that what other threads record meanwhile comes
     * after what {@code action} records (a publish before the delivery it causes).
     */
    synchronized <R> R whileHolding(java.util.function.Supplier<R> action) {
        return action.get();
    }

    synchronized void clear() {
        events.clear();
    }
}
