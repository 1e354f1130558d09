package io.msgflow.stepfunctions;

import io.msgflow.MsgflowException;
import java.util.Objects;

/**
 * A Lambda function's error as the Lambda service reports it: {@code errorType} and
 * {@code errorMessage}. Throw it from a {@link LambdaFunction} to fail with a chosen error name;
 * any other exception is reported with its class name as the {@code errorType}, as the Java
 * Lambda runtime does. The interpreter turns it into the state's ASL error: the error name is the
 * {@code errorType}, the cause the JSON {@code {"errorMessage": ..., "errorType": ...}}.
 */
public class FunctionError extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String errorType;

    public FunctionError(String errorType, String errorMessage) {
        super(Objects.requireNonNull(errorMessage, "errorMessage"));
        this.errorType = Objects.requireNonNull(errorType, "errorType");
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return getMessage();
    }
}
