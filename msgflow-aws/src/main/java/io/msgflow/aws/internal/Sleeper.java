package io.msgflow.aws.internal;

import java.time.Duration;

/** Waits between retry attempts; injected so unit tests do not sleep. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
