package io.msgflow.tck;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Durations;
import java.time.Duration;

/**
 * The durations a {@link TransportCompatibilityKit} uses, so one kit runs both on a virtual clock
 * (time moves only through {@link TransportCompatibilityKit#advanceTime}) and on real servers
 * (time is wall-clock time, kept short). Immutable.
 *
 * <ul>
 * <li>{@code visibilityTimeout}: the visibility timeout of the queues the kit declares; also the
 *     delay of its delay queue.</li>
 * <li>{@code margin}: how far past a deadline (visibility, delay) the kit advances time before it
 *     expects the message back.</li>
 * <li>{@code receiveWait}: the long-poll wait of each receive in the kit's polling helpers. Must be
 *     zero on a virtual clock: a long poll on an empty queue only ends when time advances.</li>
 * <li>{@code deliveryTimeout}: real time the kit polls for messages it expects before it gives up
 *     (an SNS-to-SQS hop is asynchronous on real servers).</li>
 * <li>{@code settleTime}: real time the kit keeps polling when it expects <em>no</em> message
 *     (a filtered-out type, a message still invisible); zero on a virtual clock, where delivery is
 *     synchronous.</li>
 * <li>{@code clockSkew}: how far a server's timestamps ({@code sentAt}) may differ from
 *     {@link TransportCompatibilityKit#clock()}.</li>
 * </ul>
 *
 * <p>The settle time and the receive wait must both be shorter than the visibility timeout, so
 * that checking "still invisible" finishes before the message becomes visible again.
 */
public final class KitTiming {
    private static final Duration MAX_VISIBILITY = Duration.ofHours(1);

    private final Duration visibilityTimeout;
    private final Duration margin;
    private final Duration receiveWait;
    private final Duration deliveryTimeout;
    private final Duration settleTime;
    private final Duration clockSkew;

    private KitTiming(Builder b) {
        this.visibilityTimeout = b.visibilityTimeout;
        this.margin = b.margin;
        this.receiveWait = b.receiveWait;
        this.deliveryTimeout = b.deliveryTimeout;
        this.settleTime = b.settleTime;
        this.clockSkew = b.clockSkew;
        requireShorterThanVisibility("settleTime", settleTime);
        requireShorterThanVisibility("receiveWait", receiveWait);
    }

    private void requireShorterThanVisibility(String setting, Duration value) {
        if (value.compareTo(visibilityTimeout) >= 0) {
            throw new InvalidConfigurationException(setting, "`" + setting + "` must be shorter than `visibilityTimeout` ("
                    + Durations.format(visibilityTimeout) + "), but was " + Durations.format(value));
        }
    }

    /**
     * For real servers: 2 s visibility, 500 ms margin, 1 s receive wait, 10 s delivery timeout,
     * 1 s settle time, 1 s clock skew.
     */
    public static KitTiming realServers() {
        return builder().build();
    }

    /**
     * For a transport on a virtual clock: 10 s visibility, 100 ms margin, no receive wait, 5 s
     * (real) delivery timeout, no settle time, no clock skew.
     */
    public static KitTiming virtualClock() {
        return builder().visibilityTimeout(Duration.ofSeconds(10)).margin(Duration.ofMillis(100))
                .receiveWait(Duration.ZERO).deliveryTimeout(Duration.ofSeconds(5)).settleTime(Duration.ZERO)
                .clockSkew(Duration.ZERO).build();
    }

    /** Starts from the {@link #realServers()} values. */
    public static Builder builder() {
        return new Builder();
    }

    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    public Duration margin() {
        return margin;
    }

    public Duration receiveWait() {
        return receiveWait;
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public Duration settleTime() {
        return settleTime;
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    @Override
    public String toString() {
        return "KitTiming{visibilityTimeout=" + Durations.format(visibilityTimeout) + ", margin=" + Durations.format(margin)
                + ", receiveWait=" + Durations.format(receiveWait) + ", deliveryTimeout=" + Durations.format(deliveryTimeout)
                + ", settleTime=" + Durations.format(settleTime) + ", clockSkew=" + Durations.format(clockSkew) + "}";
    }

    /** Builds a {@link KitTiming}; each setter checks its range. */
    public static final class Builder {
        private Duration visibilityTimeout = Duration.ofSeconds(2);
        private Duration margin = Duration.ofMillis(500);
        private Duration receiveWait = Duration.ofSeconds(1);
        private Duration deliveryTimeout = Duration.ofSeconds(10);
        private Duration settleTime = Duration.ofSeconds(1);
        private Duration clockSkew = Duration.ofSeconds(1);

        private Builder() {
        }

        /** 1 s to 1 h, whole seconds as SQS takes them. */
        public Builder visibilityTimeout(Duration value) {
            Check.between("visibilityTimeout", value, Duration.ofSeconds(1), MAX_VISIBILITY);
            if (value.getNano() != 0) {
                throw new InvalidConfigurationException("visibilityTimeout",
                        "`visibilityTimeout` must be whole seconds, but was " + Durations.format(value));
            }
            this.visibilityTimeout = value;
            return this;
        }

        /** 0 s to 1 min. */
        public Builder margin(Duration value) {
            this.margin = Check.between("margin", value, Duration.ZERO, Duration.ofMinutes(1));
            return this;
        }

        /** 0 s to 20 s, the SQS long-poll range. */
        public Builder receiveWait(Duration value) {
            this.receiveWait = Check.between("receiveWait", value, Duration.ZERO, Duration.ofSeconds(20));
            return this;
        }

        /** 1 s to 10 min. */
        public Builder deliveryTimeout(Duration value) {
            this.deliveryTimeout = Check.between("deliveryTimeout", value, Duration.ofSeconds(1), Duration.ofMinutes(10));
            return this;
        }

        /** 0 s to 1 min. */
        public Builder settleTime(Duration value) {
            this.settleTime = Check.between("settleTime", value, Duration.ZERO, Duration.ofMinutes(1));
            return this;
        }

        /** 0 s to 1 min. */
        public Builder clockSkew(Duration value) {
            this.clockSkew = Check.between("clockSkew", value, Duration.ZERO, Duration.ofMinutes(1));
            return this;
        }

        /** @throws InvalidConfigurationException when the settle time or receive wait is not shorter than the visibility timeout */
        public KitTiming build() {
            return new KitTiming(this);
        }
    }
}
