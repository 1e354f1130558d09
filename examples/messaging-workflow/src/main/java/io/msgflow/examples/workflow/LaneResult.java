package io.msgflow.examples.workflow;

/**
 * What one lane's drain did, counted in distinct message ids.
 *
 * @param received messages that arrived on the queue (the published ones routed there, and any
 *                 left from earlier runs)
 * @param processed messages handled and acknowledged (their rows committed, or already there)
 */
record LaneResult(Lane lane, int received, int processed) {
}
