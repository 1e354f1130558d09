package io.msgflow.examples.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.internal.Json;
import io.msgflow.stepfunctions.LambdaFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A function of the stack run in this process: its handler class (the template's {@code Handler})
 * gets the JSON payload as bytes and writes its result, through its public
 * {@link RequestStreamHandler} interface, exactly as the Lambda runtime calls it.
 */
final class InProcessFunction implements LambdaFunction {
    private final TemplateFunction function;
    private final RequestStreamHandler handler;
    private final String arn;
    private final Clock clock;

    InProcessFunction(TemplateFunction function, RequestStreamHandler handler, String arn, Clock clock) {
        this.function = function;
        this.handler = handler;
        this.arn = arn;
        this.clock = clock;
    }

    @Override
    public JsonNode invoke(JsonNode payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LocalLambdaContext context = new LocalLambdaContext(function.logicalId(), arn, function.memoryMb(), clock,
                clock.instant().plus(Duration.ofSeconds(function.timeoutSeconds())));
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), output, context);
            String result = output.toString(StandardCharsets.UTF_8);
            return result.isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
