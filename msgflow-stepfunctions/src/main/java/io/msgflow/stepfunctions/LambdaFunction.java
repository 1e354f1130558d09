package io.msgflow.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Lambda function the interpreter can invoke in-process: JSON payload in, JSON result out, as
 * the Lambda service passes them. Register it on {@link StateMachineRunner.Builder#function}.
 *
 * <p><b>Failures:</b> throw {@link FunctionError} to report an {@code errorType} of your choice;
 * any other exception is reported as the Java runtime would, with its class name as the
 * {@code errorType}. <b>Threading:</b> a Parallel or Map state invokes functions from several
 * threads at once.
 */
@FunctionalInterface
public interface LambdaFunction {

    /** Runs the function on {@code payload} (never null; JSON {@code null} when there is none). */
    JsonNode invoke(JsonNode payload);
}
