package io.msgflow.lambda.internal;

import io.msgflow.topology.QueueSpec;
import io.msgflow.transport.MessageSource;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What a handler uses of one queue: its declaration (visibility timeout, redrive to the
 * dead-letter queue), a source to settle deliveries on, and its approximate depth.
 */
public record QueueAccess(QueueSpec spec, MessageSource source, Supplier<OptionalInt> depth) {
}
