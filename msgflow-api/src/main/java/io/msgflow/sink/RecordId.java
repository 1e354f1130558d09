package io.msgflow.sink;

/**
 * Which id of a {@link SinkRecord} a table is keyed on, for idempotency. While msgflow runs beside
 * another consumer that writes the same table, both must key a message the same way, or one
 * message becomes two rows.
 *
 * <table>
 * <caption>The ids and what they are stable across</caption>
 * <tr><th>id</th><th>same for</th><th>differs for</th></tr>
 * <tr><td>{@link #MESSAGE_ID}</td><td>every delivery of one publication: redeliveries, SNS
 * duplicates, every queue it fans out to, a redrive from the DLQ</td><td>two publications of the
 * same content; for a foreign message without {@code msgflow_id} it is the SNS MessageId, else the
 * SQS MessageId</td></tr>
 * <tr><td>{@link #SNS_MESSAGE_ID}</td><td>one publication on every queue it fans out to, and its
 * redeliveries</td><td>nothing of one publication, but only envelope delivery carries it: a raw
 * delivery, or a message sent straight to the queue, has none</td></tr>
 * <tr><td>{@link #SQS_MESSAGE_ID}</td><td>redeliveries of one SQS message (a visibility timeout
 * that lapsed, a consumer that crashed before deleting)</td><td>each queue a publication fans out
 * to, an SNS duplicate delivery (a second SQS message), and a message msgflow dead-letters and
 * redrives (a send to another queue makes a new SQS message)</td></tr>
 * </table>
 *
 * <p>Choose {@link #SQS_MESSAGE_ID} to agree with a consumer that stores the SQS MessageId, on a
 * table written from one queue; {@link #MESSAGE_ID} otherwise. A record without the chosen id
 * (not received from SQS, or without an envelope) is refused by the sink with the reason.
 */
public enum RecordId {
    /** msgflow's logical id, {@link SinkRecord#messageId()}: the default. */
    MESSAGE_ID,
    /** The SNS MessageId of the envelope the message came in. */
    SNS_MESSAGE_ID,
    /** The SQS MessageId of the delivery. */
    SQS_MESSAGE_ID
}
