package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.Message;
import io.msgflow.internal.Check;
import io.msgflow.lambda.internal.JsonIo;
import io.msgflow.lambda.internal.PublishInput;
import io.msgflow.transport.MessagePublisher;
import io.msgflow.transport.PublishFailure;
import io.msgflow.transport.PublishReceipt;
import io.msgflow.transport.PublishResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes typed messages to the topic of {@code TOPIC_ARN} (the original PublishMessagesFunction).
 * Handler string: {@code io.msgflow.lambda.PublishHandler::handleRequest}.
 *
 * <p><b>Input:</b> nothing or {@code {}} publishes the demo run of the original function (2
 * {@code notification} and 2 {@code critical_alert} samples); {@code {"samples": n}} publishes n
 * of each, n from 1 to 500 (at most 1,000 messages per invocation);
 * {@code {"messages": [{"type": "notification", "body": {...}, "attributes": {...}}]}}
 * or a bare array publishes those messages. Other fields of an object are ignored and logged,
 * so the Step Functions console's default input {@code {"Comment": "..."}} publishes the default
 * samples; a misspelt {@code message} or {@code Samples}, or both fields at once, is refused. <b>Output:</b> {@link PublishOutcome}. <b>Failures:</b>
 * each message is validated on its own before any I/O (a type, a JSON body, at most 10 attributes
 * with msgflow's own, at most 256 KiB); one that breaks a rule, or that the topic refuses, is
 * reported with its reason and the others are published in batches of up to 10. An input that is
 * not one of the shapes above throws {@link LambdaInputException}. <b>Delivery:</b> at-least-once,
 * as {@link MessagePublisher} states.
 */
public final class PublishHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);

    private final LambdaEnvironment environment;
    private final MessagePublisher publisher;

    /** As the Lambda runtime builds it: on {@link LambdaEnvironment#shared()}. */
    public PublishHandler() {
        this(LambdaEnvironment.shared());
    }

    /** @throws io.msgflow.InvalidConfigurationException when {@code TOPIC_ARN} is missing */
    public PublishHandler(LambdaEnvironment environment) {
        this.environment = Check.notNull("environment", environment);
        this.publisher = environment.publisher();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonIo.write(output, publish(JsonIo.read(input)).toJson());
    }

    /** Publishes what a JSON input describes (see the class comment). */
    public PublishOutcome publish(JsonNode input) {
        PublishInput.Parsed parsed = PublishInput.parse(input, environment.config().wireFormat(), environment.clock());
        List<String> ignored = PublishInput.ignoredFields(input);
        if (!ignored.isEmpty()) {
            LOG.info("input fields {} are not publish fields (samples, messages) and were ignored", ignored);
        }
        List<PublishOutcome.Failure> failed = new ArrayList<>(parsed.refused());
        List<Message> messages = new ArrayList<>(parsed.messages().values());
        Map<String, Integer> indexById = new HashMap<>();
        parsed.messages().forEach((index, message) -> indexById.put(message.id(), index));
        PublishResult result = messages.isEmpty() ? PublishResult.empty() : publisher.publishAll(messages);
        List<String> ids = new ArrayList<>(result.successful().size());
        result.successful().stream().map(PublishReceipt::messageId)
                .sorted((a, b) -> Integer.compare(indexById.get(a), indexById.get(b))).forEach(ids::add);
        for (PublishFailure f : result.failed()) {
            failed.add(new PublishOutcome.Failure(indexById.get(f.message().id()), f.message().id(), f.message().type(),
                    f.code() + ": " + f.reason()));
        }
        failed.sort((a, b) -> Integer.compare(a.index(), b.index()));
        failed.forEach(f -> LOG.warn("input message {} (id {}, type {}) not published: {}", f.index(), f.id(), f.type(), f.reason()));
        LOG.info("published {} messages, {} failed", ids.size(), failed.size());
        return new PublishOutcome(ids, failed);
    }
}
