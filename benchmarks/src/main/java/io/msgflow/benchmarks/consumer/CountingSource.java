package io.msgflow.benchmarks.consumer;

import io.msgflow.transport.DeadLetter;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.OperationResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** A source that reports every confirmed delete to a {@link Completion}; otherwise the source as it is. */
final class CountingSource implements MessageSource {
    private final MessageSource source;
    private final Completion completion;

    CountingSource(MessageSource source, Completion completion) {
        this.source = source;
        this.completion = completion;
    }

    @Override
    public String queue() {
        return source.queue();
    }

    @Override
    public List<ReceivedMessage> receive(int maxMessages, Duration wait) {
        return source.receive(maxMessages, wait);
    }

    @Override
    public OperationResult acknowledge(Collection<ReceivedMessage> messages) {
        OperationResult result = source.acknowledge(messages);
        completion.deleted(result.succeeded().size());
        return result;
    }

    @Override
    public OperationResult changeVisibility(Collection<ReceivedMessage> messages, Duration timeout) {
        return source.changeVisibility(messages, timeout);
    }

    @Override
    public OperationResult deadLetter(Collection<DeadLetter> deadLetters) {
        return source.deadLetter(deadLetters);
    }

    @Override
    public void close() {
        source.close();
    }
}
