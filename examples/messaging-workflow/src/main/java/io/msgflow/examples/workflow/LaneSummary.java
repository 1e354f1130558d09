package io.msgflow.examples.workflow;

/**
 * One line of the summary: what happened to the messages of one type.
 *
 * @param published messages of the type the topic accepted
 * @param routed messages that arrived on the type's queue
 * @param processed messages handled and acknowledged
 * @param rows rows of this run's messages in the type's table
 * @param deadLetters messages on the type's dead-letter queue after the run (SQS's approximate
 *                    count on AWS)
 */
record LaneSummary(Lane lane, int published, int routed, int processed, int rows, int deadLetters) {

    /** Every published message of the type is a row in its table. */
    boolean complete() {
        return rows == published;
    }
}
