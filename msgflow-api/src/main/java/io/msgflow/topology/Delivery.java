package io.msgflow.topology;

/** How SNS hands a message to a subscribed queue. */
public enum Delivery {
    /** The body and attributes as published ({@code RawMessageDelivery=true}). */
    RAW,
    /** Wrapped in the SNS JSON envelope (Type, MessageId, TopicArn, Message, MessageAttributes, ...). */
    ENVELOPE
}
