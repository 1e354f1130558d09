package io.msgflow.aws.internal;

import io.msgflow.WireFormat;
import io.msgflow.internal.Deliveries;
import io.msgflow.transport.ReceivedMessage;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns an SQS message into a {@link ReceivedMessage}, unwrapping the SNS envelope when the body is
 * one. Never throws: what cannot be read becomes the delivery's {@code problem}, so the runtime can
 * dead-letter it with the reason.
 */
final class ReceivedMessageReader {
    private final String queue;
    private final WireFormat wireFormat;
    private final Deliveries.Unwrapping unwrapping;

    /** @param unwrapping how the routes deliver to this queue ({@link Deliveries.Unwrapping#forQueue}) */
    ReceivedMessageReader(String queue, WireFormat wireFormat, Deliveries.Unwrapping unwrapping) {
        this.queue = queue;
        this.wireFormat = wireFormat;
        this.unwrapping = unwrapping;
    }

    ReceivedMessage read(Message sqs) {
        WireAttributes.Decoded decoded = WireAttributes.fromSqs(sqs.messageAttributes());
        String body = sqs.body() == null ? "" : sqs.body();
        ReceivedMessage received = Deliveries.toReceived(new Deliveries.SqsDelivery(queue, sqs.messageId(), sqs.receiptHandle(),
                receiveCount(sqs), sentAt(sqs), body, decoded.attributes(),
                Optional.ofNullable(sqs.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)), decoded.problems())
                .unwrapped(unwrapping), wireFormat);
        boolean notUnwrapped = received.body() == body;
        if (unwrapping == Deliveries.Unwrapping.EXPECTED && received.type().isEmpty() && notUnwrapped) {
            return received.withProblem("queue '" + queue + "' is subscribed without raw delivery, but the body is not a readable SNS envelope");
        }
        return received;
    }

    private static int receiveCount(Message sqs) {
        String count = sqs.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Instant sentAt(Message sqs) {
        String sent = sqs.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        try {
            return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
