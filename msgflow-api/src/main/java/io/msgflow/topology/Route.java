package io.msgflow.topology;

import io.msgflow.filter.FilterPolicy;
import io.msgflow.internal.Check;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription of a queue to the topic: which messages it receives (a filter policy in its
 * scope, or all) and how they are delivered (raw or in the SNS envelope). Immutable.
 */
public final class Route {
    private final String queue;
    private final FilterPolicy filterPolicy;
    private final Delivery delivery;

    private Route(String queue, FilterPolicy filterPolicy, Delivery delivery) {
        this.queue = Check.matches("route queue", queue, QueueSpec.NAME, QueueSpec.NAME_RULE);
        this.filterPolicy = filterPolicy;
        this.delivery = Check.notNull("delivery", delivery);
    }

    /** All messages of the topic to {@code queue}, raw. */
    public static Route toQueue(String queue) {
        return new Route(queue, null, Delivery.RAW);
    }

    /** A copy that delivers only what {@code policy} matches (in the policy's scope). */
    public Route filter(FilterPolicy policy) {
        return new Route(queue, Objects.requireNonNull(policy, "policy"), delivery);
    }

    /** A copy with the given delivery. */
    public Route delivery(Delivery value) {
        return new Route(queue, filterPolicy, value);
    }

    public String queue() {
        return queue;
    }

    public Optional<FilterPolicy> filterPolicy() {
        return Optional.ofNullable(filterPolicy);
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Whether a message with these wire attributes and body passes this route's filter. */
    public boolean accepts(java.util.Map<String, io.msgflow.MessageAttribute> wireAttributes, String body) {
        return filterPolicy == null || filterPolicy.matches(wireAttributes, body);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Route)) {
            return false;
        }
        Route r = (Route) o;
        return queue.equals(r.queue) && Objects.equals(filterPolicy, r.filterPolicy) && delivery == r.delivery;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queue, filterPolicy, delivery);
    }

    @Override
    public String toString() {
        return "Route{" + queue + ", " + delivery
                + (filterPolicy != null ? ", " + filterPolicy.scope() + " " + filterPolicy.json() : ", all messages") + "}";
    }
}
