package io.msgflow.transport;

/** One entry of a batch operation that failed, with the transport's code and reason. */
public record EntryFailure(ReceivedMessage message, String code, String reason) {
}
