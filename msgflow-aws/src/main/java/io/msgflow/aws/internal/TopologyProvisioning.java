package io.msgflow.aws.internal;

import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Provisions a topology in order: the topic, each dead-letter queue before the queues that redrive
 * to it, then one subscription per route. Without SNS ({@code sns == null}) only the queues. In
 * {@link DriftMode#VERIFY} what depends on a missing resource is compared against a placeholder
 * (a redrive to a missing dead-letter queue) or reported missing (a subscription of a missing
 * topic or queue).
 */
public final class TopologyProvisioning {
    private final TopicProvisioning topics;
    private final QueueProvisioning queues;
    private final SubscriptionProvisioning subscriptions;
    private final Resources resources;

    public TopologyProvisioning(SnsClient sns, SqsClient sqs, Resources resources) {
        this.topics = sns == null ? null : new TopicProvisioning(sns, resources);
        this.subscriptions = sns == null ? null : new SubscriptionProvisioning(sns);
        this.queues = new QueueProvisioning(sqs, resources);
        this.resources = resources;
    }

    public ProvisioningReport provision(Topology topology, DriftMode mode) {
        List<ProvisioningReport.Resource> report = new ArrayList<>();
        Optional<String> topicArn = Optional.empty();
        if (topics != null) {
            ProvisioningReport.Resource topic = topics.ensure(topology, mode);
            report.add(topic);
            if (topic.status() != ProvisioningReport.Status.MISSING) {
                topicArn = Optional.of(resources.topicArn(topology.topic()));
            }
        }
        Map<String, Optional<String>> queueArns = new HashMap<>();
        for (QueueSpec queue : deadLetterQueuesFirst(topology)) {
            boolean subscribed = topology.routes().stream().anyMatch(r -> r.queue().equals(queue.name()));
            Optional<String> deadLetterArn = queue.redrive().map(r -> queueArns.getOrDefault(r.deadLetterQueue(), Optional.empty())
                    .orElse("(missing queue '" + r.deadLetterQueue() + "')"));
            QueueProvisioning.Ensured ensured = queues.ensure(queue, deadLetterArn, subscribed ? topicArn : Optional.empty(), mode);
            report.add(ensured.resource());
            queueArns.put(queue.name(), ensured.arn());
        }
        if (subscriptions != null) {
            for (Route route : topology.routes()) {
                Optional<String> queueArn = queueArns.get(route.queue());
                report.add(topicArn.isEmpty() || queueArn.isEmpty()
                        ? SubscriptionProvisioning.missing(topology.topic(), route)
                        : subscriptions.ensure(topology.topic(), topicArn.get(), route, queueArn.get(), mode));
            }
        }
        return new ProvisioningReport(report, warnings(topology));
    }

    private static List<ProvisioningReport.Warning> warnings(Topology topology) {
        return topology.queuesWithoutDeadLetterQueue().stream()
                .map(q -> new ProvisioningReport.Warning(ProvisioningReport.Kind.QUEUE, q.name(),
                        "no dead-letter queue: a message that fails for good stays on the queue and is received again until "
                                + "its retention ends (" + io.msgflow.internal.Durations.format(q.retention())
                                + "); declare one with QueueSpec.Builder.deadLetterQueue"))
                .toList();
    }

    private static List<QueueSpec> deadLetterQueuesFirst(Topology topology) {
        Set<String> ordered = new LinkedHashSet<>();
        topology.queues().forEach(q -> addAfterDeadLetterQueue(topology, q, ordered));
        return ordered.stream().map(topology::requireQueue).toList();
    }

    private static void addAfterDeadLetterQueue(Topology topology, QueueSpec queue, Set<String> ordered) {
        if (ordered.contains(queue.name())) {
            return;
        }
        queue.redrive().ifPresent(r -> {
            if (!r.deadLetterQueue().equals(queue.name())) {
                addAfterDeadLetterQueue(topology, topology.requireQueue(r.deadLetterQueue()), ordered);
            }
        });
        ordered.add(queue.name());
    }
}
