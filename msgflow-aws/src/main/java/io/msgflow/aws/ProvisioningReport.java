package io.msgflow.aws;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link AwsTopologyProvisioner#provision} found and did, one entry per topic, queue and
 * subscription of the topology, in the order they were handled, and the warnings about the
 * topology itself (a queue without a dead-letter queue). Immutable.
 */
public record ProvisioningReport(List<Resource> resources, List<Warning> warnings) {
    public ProvisioningReport {
        resources = List.copyOf(resources);
        warnings = List.copyOf(warnings);
    }

    public ProvisioningReport(List<Resource> resources) {
        this(resources, List.of());
    }

    /**
     * A risk in the topology that is no drift: the resources are as declared, but something will go
     * wrong at run time (a queue without a dead-letter queue keeps a message that always fails
     * until its retention ends).
     */
    public record Warning(Kind kind, String name, String message) {
        public Warning {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return kind + " " + name + ": " + message;
        }
    }

    /** Kinds of provisioned resource. */
    public enum Kind { TOPIC, QUEUE, SUBSCRIPTION }

    /** What happened to one resource. */
    public enum Status {
        /** It did not exist and was created. */
        CREATED,
        /** It existed with the topology's settings. */
        UNCHANGED,
        /** It exists with other settings, listed in {@link Resource#differences()}, and was left so. */
        DRIFTED,
        /** It existed with other settings and was changed to the topology's ({@link DriftMode#CORRECT}). */
        CORRECTED,
        /** It does not exist and was not created ({@link DriftMode#VERIFY}). */
        MISSING
    }

    /** One setting that differs: the topology's value and the one found. */
    public record Difference(String setting, String expected, String actual) {
        @Override
        public String toString() {
            return setting + ": expected " + expected + ", found " + actual;
        }
    }

    /**
     * One resource and its outcome. For {@link Status#DRIFTED} and {@link Status#CORRECTED} the
     * differences found; a difference AWS cannot change in place (FIFO-ness) stays
     * {@code DRIFTED} even in {@code CORRECT} mode.
     */
    public record Resource(Kind kind, String name, Status status, List<Difference> differences) {
        public Resource {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            differences = List.copyOf(differences);
        }

        @Override
        public String toString() {
            return kind + " " + name + " " + status + (differences.isEmpty() ? "" : " " + differences);
        }
    }

    public List<Resource> created() {
        return withStatus(Status.CREATED);
    }

    public List<Resource> unchanged() {
        return withStatus(Status.UNCHANGED);
    }

    /** Resources that differ from the topology and were left so. */
    public List<Resource> drifted() {
        return withStatus(Status.DRIFTED);
    }

    public List<Resource> corrected() {
        return withStatus(Status.CORRECTED);
    }

    /** Resources that do not exist ({@link DriftMode#VERIFY} creates nothing). */
    public List<Resource> missing() {
        return withStatus(Status.MISSING);
    }

    /** Whether some resource still differs from the topology. */
    public boolean hasDrift() {
        return !drifted().isEmpty();
    }

    /** Whether every resource exists as the topology declares it (warnings aside). */
    public boolean matchesTopology() {
        return !hasDrift() && missing().isEmpty();
    }

    private List<Resource> withStatus(Status status) {
        return resources.stream().filter(r -> r.status() == status).toList();
    }

    @Override
    public String toString() {
        return resources.stream().map(Resource::toString).collect(Collectors.joining("\n  ", "ProvisioningReport:\n  ", ""))
                + warnings.stream().map(w -> "\n  warning: " + w).collect(Collectors.joining());
    }
}
