package io.msgflow.tck.internal;

import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A source that records the calls a consumer makes on the real one and can inject failures:
 * receives to fail, an {@link Error} on acknowledge. Everything else goes to the transport's source.
 */
public final class CountingSource implements MessageSource {
    /** One {@code changeVisibility} call: how many messages, which timeout. */
    public record VisibilityCall(int messages, Duration timeout, List<String> ids) {
    }

    private final MessageSource delegate;
    private final AtomicInteger receives = new AtomicInteger();
    private final AtomicInteger acknowledges = new AtomicInteger();
    private final List<VisibilityCall> visibilityCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger receiveFailures = new AtomicInteger();
    private final AtomicInteger acknowledgeErrors = new AtomicInteger();
    private volatile Supplier<RuntimeException> receiveFailure = () -> new IllegalStateException("receive failed");

    public CountingSource(MessageSource delegate) {
        this.delegate = delegate;
    }

    public int receives() {
        return receives.get();
    }

    public int acknowledges() {
        return acknowledges.get();
    }

    public List<VisibilityCall> visibilityCalls() {
        return List.copyOf(visibilityCalls);
    }

    /** The next {@code n} receives throw. */
    public void failReceives(int n) {
        receiveFailures.set(n);
    }

    /** The next {@code n} acknowledges throw an {@link AssertionError}. */
    public void errorOnAcknowledge(int n) {
        acknowledgeErrors.set(n);
    }

    @Override
    public String queue() {
        return delegate.queue();
    }

    @Override
    public Optional<QueueSpec> declaration() {
        return delegate.declaration();
    }

    @Override
    public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
        receives.incrementAndGet();
        if (receiveFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw receiveFailure.get();
        }
        return delegate.receive(maxMessages, wait);
    }

    @Override
    public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
        acknowledges.incrementAndGet();
        if (acknowledgeErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new AssertionError("acknowledge blew up");
        }
        return delegate.acknowledge(messages);
    }

    @Override
    public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
        visibilityCalls.add(new VisibilityCall(messages.size(), timeout, messages.stream().map(ReceivedMessage::id).toList()));
        return delegate.changeVisibility(messages, timeout);
    }

    @Override
    public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
        return delegate.deadLetter(deadLetters);
    }
}
