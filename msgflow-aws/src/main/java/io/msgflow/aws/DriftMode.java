package io.msgflow.aws;

/**
 * What {@link AwsTopologyProvisioner#provision} does with missing resources and with existing ones
 * whose settings differ from the topology. The IAM actions each mode needs are listed in the
 * module's README.
 */
public enum DriftMode {
    /**
     * Attach to what exists: create nothing, change nothing, issue only read calls
     * ({@code Get*}, {@code List*}). A missing resource is reported
     * {@link ProvisioningReport.Status#MISSING}, a difference {@link ProvisioningReport.Status#DRIFTED}.
     */
    VERIFY,
    /** Create what is missing; report differences and leave existing resources as they are. */
    REPORT,
    /**
     * Create what is missing and change existing resources to match the topology, where AWS allows
     * the change in place — except a subscription's {@code RawMessageDelivery}: the consumers of
     * its queue read the body in one shape, so a subscription whose delivery differs stays
     * {@link ProvisioningReport.Status#DRIFTED} and is left untouched.
     */
    CORRECT,
    /** As {@link #CORRECT}, and also switch subscriptions between raw and envelope delivery. */
    CORRECT_INCLUDING_DELIVERY
}
