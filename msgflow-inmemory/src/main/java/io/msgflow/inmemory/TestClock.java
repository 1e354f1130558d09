package io.msgflow.inmemory;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told: {@link #advance(Duration)} or {@link #set(Instant)}.
 * Give it to an {@link InMemoryTransport} and visibility timeouts, delays, long-poll waits,
 * deduplication windows and retention all follow it; a long poll blocked on the transport wakes
 * as soon as the clock moves past a deadline, so tests move time instead of sleeping.
 *
 * <p>Time never goes backwards. Thread-safe: any thread may read or move it; clocks derived with
 * {@link #withZone} share the same time.
 */
public final class TestClock extends Clock {
    /** Where {@link #create()} starts: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final Shared shared;
    private final ZoneId zone;

    private static final class Shared {
        final AtomicReference<Instant> now;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        Shared(Instant start) {
            this.now = new AtomicReference<>(start);
        }
    }

    private TestClock(Shared shared, ZoneId zone) {
        this.shared = shared;
        this.zone = zone;
    }

    /** A clock standing at {@link #DEFAULT_START}, in UTC. */
    public static TestClock create() {
        return at(DEFAULT_START);
    }

    /** A clock standing at {@code start}, in UTC. */
    public static TestClock at(Instant start) {
        return new TestClock(new Shared(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return shared.now.get();
    }

    @Override
    public long millis() {
        return shared.now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public TestClock withZone(ZoneId value) {
        return new TestClock(shared, Objects.requireNonNull(value, "zone"));
    }

    /**
     * Moves the clock forward and wakes whatever waits on it.
     *
     * @return the new time
     * @throws InvalidConfigurationException when {@code duration} is negative
     */
    public Instant advance(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new InvalidConfigurationException("advance", "`advance` must be zero or positive, but was "
                    + (duration == null ? "null" : "-" + Durations.format(duration.negated())));
        }
        Instant now = shared.now.accumulateAndGet(null, (current, ignored) -> current.plus(duration));
        fire();
        return now;
    }

    /**
     * Sets the clock to {@code instant}, which must not be before the current time, and wakes
     * whatever waits on it.
     *
     * @throws InvalidConfigurationException when {@code instant} is in the clock's past
     */
    public Instant set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Instant before = shared.now.getAndUpdate(current -> instant.isBefore(current) ? current : instant);
        if (instant.isBefore(before)) {
            throw new InvalidConfigurationException("set", "`set` must not move the clock backwards: it reads " + before
                    + ", but was given " + instant);
        }
        fire();
        return instant;
    }

    /** Runs {@code listener} after every move of the clock, on the moving thread, until the returned action is run. */
    Runnable onMove(Runnable listener) {
        shared.listeners.add(listener);
        return () -> shared.listeners.remove(listener);
    }

    private void fire() {
        shared.listeners.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + "," + zone + "]";
    }
}
