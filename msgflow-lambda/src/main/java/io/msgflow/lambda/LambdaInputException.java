package io.msgflow.lambda;

import io.msgflow.MsgflowException;

/**
 * The input of an invocation is not what the handler accepts (a missing field, a value of the wrong
 * kind). Nothing was done. Step Functions see it as error type
 * {@code io.msgflow.lambda.LambdaInputException} and may catch it.
 */
public class LambdaInputException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public LambdaInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field at fault, e.g. {@code queueUrl}. */
    public String field() {
        return field;
    }
}
