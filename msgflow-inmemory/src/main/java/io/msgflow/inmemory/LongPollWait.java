package io.msgflow.inmemory;

/**
 * When an empty long poll ({@code receive} with a wait) gives up. It returns earlier in any case
 * as soon as a message can be received.
 */
public enum LongPollWait {
    /**
     * When the injected clock has moved by the wait, or the same time has passed on the wall
     * clock, whichever comes first. With the system clock both are the same; with a
     * {@link TestClock} that nobody advances, a receive still returns after the wait instead of
     * hanging. The default.
     */
    CLOCK_OR_REAL_TIME,
    /**
     * Only when the injected clock has moved by the wait: with a {@link TestClock}, an empty
     * receive waits until another thread advances the clock (or a message arrives).
     */
    CLOCK_ONLY
}
