package io.msgflow.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Task state whose {@code Resource} is neither a Lambda function ARN nor
 * {@code arn:aws:states:::lambda:invoke} (an activity, another service integration); register it
 * on {@link StateMachineRunner.Builder#resource}. Throw {@link FunctionError} to fail the task with
 * that error name. <b>Threading:</b> may be called from several threads at once.
 */
@FunctionalInterface
public interface TaskHandler {

    /** Runs the task on its effective input (after {@code InputPath} and {@code Parameters}). */
    JsonNode run(String resource, JsonNode input);
}
