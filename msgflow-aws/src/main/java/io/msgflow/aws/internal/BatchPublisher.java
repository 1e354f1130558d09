package io.msgflow.aws.internal;

import io.msgflow.Message;
import io.msgflow.MessageValidationException;
import io.msgflow.MsgflowException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.TransportException;
import io.msgflow.WireFormat;
import io.msgflow.internal.Batches;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishException;
import io.msgflow.transport.PublishFailure;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the SNS and the SQS publisher share: validation before I/O, batching, per-entry retries
 * and results. A batch that fails as a whole after the first one turns into failures of its
 * messages and of those not yet sent, so {@link #publishAll} never loses an outcome.
 */
abstract class BatchPublisher implements MessagePublisher {
    private final WireFormat wireFormat;
    private final BatchRetrier retrier;

    BatchPublisher(WireFormat wireFormat, BatchRetrier retrier) {
        this.wireFormat = wireFormat;
        this.retrier = retrier;
    }

    /** Names the target in errors, e.g. {@code topic 'events'}. */
    abstract String resource();

    abstract boolean fifo();

    abstract boolean contentBasedDeduplication();

    /** Sends one request with these entries; throws the SDK's exception when the call fails as a whole. */
    abstract BatchRetrier.Attempt<PublishReceipt> sendBatch(Map<String, Message> entries);

    final WireFormat wireFormat() {
        return wireFormat;
    }

    @Override
    public int sizeInBytes(Message message) {
        return wireFormat.sizeInBytes(message);
    }

    /** Every rule the target would refuse the message for, checked before I/O. */
    final void validate(Message message) {
        wireFormat.validate(message);
        String resource = "message " + message.id() + " to " + resource();
        if (fifo() && message.groupId().isEmpty()) {
            throw new MessageValidationException(resource, "a FIFO target needs a message group id", "none");
        }
        if (fifo() && message.deduplicationId().isEmpty() && !contentBasedDeduplication()) {
            throw new MessageValidationException(resource,
                    "a FIFO target without content-based deduplication needs a deduplication id", "none");
        }
        if (!fifo() && (message.groupId().isPresent() || message.deduplicationId().isPresent())) {
            throw new MessageValidationException(resource, "message group and deduplication ids are for FIFO targets only",
                    "group id " + message.groupId().orElse("none") + ", deduplication id " + message.deduplicationId().orElse("none"));
        }
    }

    /**
     * Runs a single-message call: a refusal of the message is a {@link PublishException}, a missing
     * target or a failure that persisted through the retries a msgflow exception naming the target.
     */
    final PublishReceipt sendOne(Message message, ResourceNotFoundException.Kind kind, String name, String operation,
                                 Supplier<PublishReceipt> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (AwsErrors.isNotFound(e) || AwsErrors.isRetryable(e)) {
                throw AwsErrors.translate(e, kind, name, operation);
            }
            throw new PublishException(new PublishFailure(message, AwsErrors.code(e), AwsErrors.reason(e), false));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, kind, name, operation);
        }
    }

    @Override
    public PublishResult publishBatch(List<Message> messages) {
        messages.forEach(this::validate);
        Batches.checkBatch(resource(), messages, this::sizeInBytes);
        return send(messages);
    }

    @Override
    public PublishResult publishAll(Collection<Message> messages) {
        messages.forEach(this::validate);
        List<List<Message>> chunks = Batches.chunk(messages, this::sizeInBytes);
        List<PublishResult> results = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            try {
                results.add(send(chunks.get(i)));
            } catch (ResourceNotFoundException e) {
                throw e;
            } catch (MsgflowException e) {
                if (i == 0) {
                    throw e;
                }
                results.add(failedAll(chunks.subList(i, chunks.size()), e));
                break;
            }
        }
        return PublishResult.concat(results);
    }

    private PublishResult send(List<Message> messages) {
        Map<String, Message> entries = BatchRetrier.byIndex(messages);
        BatchRetrier.Outcome<PublishReceipt> outcome = retrier.run(resource(), entries, this::sendBatch);
        List<PublishReceipt> ok = new ArrayList<>();
        List<PublishFailure> failed = new ArrayList<>();
        entries.forEach((id, message) -> {
            PublishReceipt receipt = outcome.succeeded().get(id);
            if (receipt != null) {
                ok.add(receipt);
            } else {
                BatchRetrier.EntryError error = outcome.failed().get(id);
                failed.add(new PublishFailure(message, error.code(), error.message(), error.retryable()));
            }
        });
        return new PublishResult(ok, failed);
    }

    private static PublishResult failedAll(List<List<Message>> chunks, MsgflowException cause) {
        String code = cause instanceof TransportException ? "TransportFailure" : cause.getClass().getSimpleName();
        List<PublishFailure> failed = new ArrayList<>();
        chunks.forEach(chunk -> chunk.forEach(m -> failed.add(new PublishFailure(m, code,
                "not published: a batch call failed as a whole: " + cause.getMessage(), true))));
        return new PublishResult(List.of(), failed);
    }
}
