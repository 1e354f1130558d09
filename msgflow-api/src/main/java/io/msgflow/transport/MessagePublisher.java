package io.msgflow.transport;

import io.msgflow.Message;
import io.msgflow.MessageLimits;
import io.msgflow.internal.Batches;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Publishes messages to one topic.
 *
 * <p><b>Delivery:</b> at-least-once. A message reported successful was accepted by the topic and
 * will reach every queue whose route matches it; one reported failed was not accepted (and may be
 * published again). <b>Validation:</b> every message and batch is checked against the SNS limits
 * before any I/O; a {@link io.msgflow.MessageValidationException} means nothing of that call was sent.
 * <b>Ordering:</b> none on standard topics; on FIFO topics, within a message group, in call order.
 * <b>Threading:</b> implementations are thread-safe.
 */
public interface MessagePublisher extends AutoCloseable {

    /**
     * Publishes one message.
     *
     * @throws PublishException when the topic refused it
     */
    PublishReceipt publish(Message message);

    /**
     * Publishes one batch of at most {@value MessageLimits#MAX_BATCH_ENTRIES} messages and
     * {@value MessageLimits#MAX_BATCH_BYTES} bytes in one request; each message gets its own outcome.
     *
     * @throws io.msgflow.MessageValidationException when the batch or one of its messages breaks a limit
     */
    PublishResult publishBatch(List<Message> messages);

    /**
     * Publishes any number of messages in batches that respect the SNS limits, in order; each
     * message gets its own outcome. All messages are validated before the first request.
     */
    default PublishResult publishAll(Collection<Message> messages) {
        List<PublishResult> results = new ArrayList<>();
        for (List<Message> chunk : Batches.chunk(messages, this::sizeInBytes)) {
            results.add(publishBatch(chunk));
        }
        return PublishResult.concat(results);
    }

    /**
     * Size on the wire of a message, as the batch limit counts it. The default
     * {@link #publishAll} calls it for every message before the first request, so an
     * implementation that relies on that default checks the message here too
     * ({@link io.msgflow.WireFormat#validate} returns the size).
     */
    int sizeInBytes(Message message);

    @Override
    default void close() {
    }
}
