package io.msgflow.aws;

/** Which AWS services an {@link AwsTransport} talks to. */
public enum AwsServices {
    /** SNS topics and subscriptions feeding SQS queues: the whole topology. */
    SNS_AND_SQS,
    /**
     * SQS only, for SQS-only peers such as ElasticMQ: provisioning creates the queues (and their
     * redrive) but no topic or subscriptions, and only queue senders publish.
     */
    SQS_ONLY
}
