package io.msgflow.examples.workflow;

/**
 * The path of one message type through the workflow: the queue its route delivers it to, the
 * dead-letter queue behind that queue and the table its rows land in. Each lane is one branch of
 * the state machine's Parallel state, and one processing thread of the local run.
 *
 * @param messageType the type name on the wire (attribute {@code message_type})
 * @param payloadType the record the codec maps the type to
 */
public record Lane(String messageType, Class<?> payloadType, String queue, String deadLetterQueue, String table) {
}
