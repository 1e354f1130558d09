package io.msgflow.examples.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function of {@code template.yaml} as the local run needs it.
 *
 * @param handlerClass the class of its {@code Handler} (before {@code ::})
 * @param environment its environment variables (Globals first, then its own), unresolved
 */
record TemplateFunction(String logicalId, String handlerClass, int timeoutSeconds, int memoryMb, JsonNode environment) {
}
