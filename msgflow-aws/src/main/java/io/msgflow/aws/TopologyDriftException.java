package io.msgflow.aws;

import io.msgflow.MsgflowException;

/**
 * Existing AWS resources differ from the topology that {@link AwsTransport#provision} or
 * {@link AwsTransport#verify} checked, or are missing; nothing was changed. {@link #report()} lists
 * each missing resource and each difference (resource, setting, expected, actual); correct them
 * with {@code provisioner().provision(topology, DriftMode.CORRECT)}.
 */
public class TopologyDriftException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final transient ProvisioningReport report;

    public TopologyDriftException(String topic, ProvisioningReport report) {
        super("resources of topic '" + topic + "' differ from the topology:"
                + (report.missing().isEmpty() ? "" : " missing " + report.missing())
                + (report.drifted().isEmpty() ? "" : " drifted " + report.drifted()));
        this.report = report;
    }

    public ProvisioningReport report() {
        return report;
    }
}
