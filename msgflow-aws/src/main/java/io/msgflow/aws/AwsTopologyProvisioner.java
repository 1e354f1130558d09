package io.msgflow.aws;

import io.msgflow.aws.internal.TopologyProvisioning;
import io.msgflow.topology.Topology;

/**
 * Creates a {@link Topology} on SNS/SQS, or verifies it: the topic, the queues with their
 * visibility, delay, retention and redrive to their dead-letter queues, a queue policy on each
 * subscribed queue that lets only this topic send ({@code aws:SourceArn}), and one subscription per
 * route with its {@code FilterPolicy}, {@code FilterPolicyScope} and {@code RawMessageDelivery}.
 *
 * <p>Idempotent: a second run over the same topology creates nothing and reports every resource
 * {@link ProvisioningReport.Status#UNCHANGED}. An existing resource whose settings differ is
 * reported with each difference, and changed only in {@link DriftMode#CORRECT} mode. Resources that
 * are not in the topology (other subscriptions of the topic, other queues) are left alone.
 * Thread-safe, but two runs over one topology at once may both create a resource.
 */
public final class AwsTopologyProvisioner {
    private final TopologyProvisioning provisioning;

    AwsTopologyProvisioner(TopologyProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    /**
     * @throws io.msgflow.ResourceNotFoundException or {@link io.msgflow.TransportException} when a
     *         call fails; resources handled before stay as they were made
     * @throws io.msgflow.InvalidConfigurationException when a queue setting cannot be expressed on
     *         SQS (a duration that is not whole seconds)
     */
    public ProvisioningReport provision(Topology topology, DriftMode mode) {
        return provisioning.provision(topology, mode);
    }
}
