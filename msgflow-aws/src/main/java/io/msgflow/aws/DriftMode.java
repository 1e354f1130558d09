package io.msgflow.aws;

/** What {@link AwsTopologyProvisioner#provision} does with an existing resource whose settings differ from the topology. */
public enum DriftMode {
    /** Report the difference and leave the resource as it is. */
    REPORT,
    /** Report the difference and change the resource to match the topology, where AWS allows the change. */
    CORRECT
}
