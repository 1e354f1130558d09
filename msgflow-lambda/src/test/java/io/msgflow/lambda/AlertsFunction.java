package io.msgflow.lambda;

import io.msgflow.codec.MessageCodec;
import io.msgflow.processing.MessageHandler;
import io.msgflow.processing.MessageProcessor;

/** The README's example of an {@link SqsBatchHandler} with a typed handler of its own, verbatim between the markers. */
// snippet:alerts-function
public final class AlertsFunction extends SqsBatchHandler {
    public record CriticalAlert(String severity, String message) {
    }

    static final MessageCodec CODEC = MessageCodec.builder().register(CriticalAlert.class).build();

    public AlertsFunction() {
        this(LambdaEnvironment.shared());
    }

    AlertsFunction(LambdaEnvironment environment) {
        super(environment, queue -> MessageProcessor.builder(CODEC)
                .on(CriticalAlert.class, (MessageHandler<CriticalAlert>) (alert, context) ->
                        new CriticalAlert(alert.severity(), alert.message().toUpperCase(java.util.Locale.ROOT)))
                .sink(environment.sink())
                .retryPolicy(environment.retryPolicy(queue))
                .build());
    }
}
// end-snippet
