package io.msgflow.inmemory.internal;

/**
 * The outcome of one entry of a batch operation on a delivery: success, or an SQS error code and
 * a reason naming the queue, the message and the rule.
 */
record Outcome(StoredMessage message, String code, String reason) {
    static final String RECEIPT_HANDLE_IS_INVALID = "ReceiptHandleIsInvalid";
    static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";

    static Outcome ok(StoredMessage message) {
        return new Outcome(message, null, null);
    }

    static Outcome failed(String code, String reason) {
        return new Outcome(null, code, reason);
    }

    boolean succeeded() {
        return code == null;
    }
}
