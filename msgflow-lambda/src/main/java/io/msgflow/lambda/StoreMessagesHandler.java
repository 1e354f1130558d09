package io.msgflow.lambda;

import java.util.Optional;

/**
 * The ready {@link SqsBatchHandler}: stores every message in the table of its type
 * ({@code MSGFLOW_TABLES}), as the original ProcessMessagesFunction did behind its event source
 * mappings, but idempotently and with a reason for every message it cannot store. Handler string:
 * {@code io.msgflow.lambda.StoreMessagesHandler::handleRequest}.
 */
public final class StoreMessagesHandler extends SqsBatchHandler {

    /** As the Lambda runtime builds it: on {@link LambdaEnvironment#shared()}. */
    public StoreMessagesHandler() {
        this(LambdaEnvironment.shared());
    }

    /** @throws io.msgflow.InvalidConfigurationException when {@code MSGFLOW_TABLES} is missing */
    public StoreMessagesHandler(LambdaEnvironment environment) {
        super(environment, queue -> environment.storeProcessor(queue, Optional.empty()));
        environment.config().requireTables();
    }
}
