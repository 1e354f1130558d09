package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.lambda.internal.DrainLoop;
import io.msgflow.lambda.internal.JsonIo;
import io.msgflow.lambda.internal.QueueAccess;
import io.msgflow.lambda.internal.ResourceNames;
import io.msgflow.processing.MessageProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Step Functions task that drains one queue into the database (the original
 * ProcessMessagesFunction). Input {@code {"queueUrl": "...", "messageType": "..."}} (see
 * {@link DrainRequest}); output {@link DrainResult}. Handler string:
 * {@code io.msgflow.lambda.DrainQueueHandler::handleRequest}.
 *
 * <p><b>Loop:</b> receives up to 10 messages with a long poll of {@code MSGFLOW_DRAIN_WAIT} (cut
 * short near the deadline), stores them through the generic processor (one transaction per batch,
 * idempotent on message id), then acknowledges, delays or dead-letters each one, and repeats. It
 * stops when a full-length receive returns nothing, or before the function's time runs out: while
 * {@code context.getRemainingTimeInMillis()} stays above a safety margin of
 * max({@code MSGFLOW_DRAIN_MIN_MARGIN}, 2 × the last batch's time). Messages received when the
 * margin is reached are handed back at once (visibility 0), unprocessed; a state machine can loop
 * on {@code remaining > 0}. <b>Failures:</b> as {@link io.msgflow.processing.MessageProcessor}
 * states; a crash after the commit and before the acknowledgement leaves the messages on the
 * queue, and their redelivery finds the rows already there. Bad input throws
 * {@link LambdaInputException}.
 */
public final class DrainQueueHandler implements RequestStreamHandler {
    private final LambdaEnvironment environment;
    private final Map<String, MessageProcessor> processors = new ConcurrentHashMap<>();

    /** As the Lambda runtime builds it: on {@link LambdaEnvironment#shared()}. */
    public DrainQueueHandler() {
        this(LambdaEnvironment.shared());
    }

    /** @throws io.msgflow.InvalidConfigurationException when {@code MSGFLOW_TABLES} is missing */
    public DrainQueueHandler(LambdaEnvironment environment) {
        this.environment = Check.notNull("environment", environment);
        environment.config().requireTables();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DrainResult result = drain(DrainRequest.fromJson(JsonIo.read(input)), context);
        JsonIo.write(output, result.toJson());
    }

    /**
     * Drains the queue of {@code request} until it is empty or the deadline of {@code context}
     * comes near.
     *
     * @throws LambdaInputException when the queue is missing, not a queue URL, not one of
     *         {@code QUEUE_URLS}, or the message type has no table
     */
    public DrainResult drain(DrainRequest request, Context context) {
        String url = queueUrl(request);
        String name = queueName(url);
        request.messageType().ifPresent(this::checkType);
        QueueAccess queue = environment.queue(name, Optional.of(url));
        MessageProcessor processor = processors.computeIfAbsent(name + "\n" + request.messageType().orElse(""),
                key -> environment.storeProcessor(queue.spec(), request.messageType()));
        LambdaConfig config = environment.config();
        return new DrainLoop(queue, processor, config.drainWait(), config.drainMinMargin(), environment.clock()).run(context);
    }

    private String queueUrl(DrainRequest request) {
        List<String> allowed = environment.config().queueUrls();
        if (request.queueUrl().isEmpty()) {
            if (allowed.size() == 1) {
                return allowed.get(0);
            }
            throw new LambdaInputException("queueUrl", "input field `queueUrl` (or `QueueUrl`) must be set"
                    + (allowed.isEmpty() ? "" : " to one of " + allowed) + ", but was missing");
        }
        String url = request.queueUrl().get();
        if (!allowed.isEmpty() && !allowed.contains(url)) {
            throw new LambdaInputException("queueUrl", "input field `queueUrl` must be one of the queues in `"
                    + LambdaConfig.QUEUE_URLS + "` " + allowed + ", but was '" + url + "'");
        }
        return url;
    }

    private static String queueName(String url) {
        try {
            return ResourceNames.queueNameOfUrl("queueUrl", url);
        } catch (InvalidConfigurationException e) {
            throw new LambdaInputException("queueUrl", "input field " + e.getMessage());
        }
    }

    private void checkType(String type) {
        if (!environment.config().tables().containsKey(type)) {
            throw new LambdaInputException("messageType", "input field `messageType` must be a type with a table in `"
                    + LambdaConfig.TABLES + "` " + environment.config().tables().keySet() + ", but was '" + type + "'");
        }
    }
}
