package io.msgflow.aws.internal;

import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Route;
import io.msgflow.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Provisions a topology in order: the topic, each dead-letter queue before the queues that redrive
 * to it, then one subscription per route. Without SNS ({@code sns == null}) only the queues.
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
            report.add(topics.ensure(topology, mode));
            topicArn = Optional.of(resources.topicArn(topology.topic()));
        }
        for (QueueSpec queue : deadLetterQueuesFirst(topology)) {
            boolean subscribed = topology.routes().stream().anyMatch(r -> r.queue().equals(queue.name()));
            Optional<String> deadLetterArn = queue.redrive().map(r -> resources.queueArn(r.deadLetterQueue()));
            report.add(queues.ensure(queue, deadLetterArn, subscribed ? topicArn : Optional.empty(), mode));
        }
        if (subscriptions != null) {
            for (Route route : topology.routes()) {
                report.add(subscriptions.ensure(topology.topic(), topicArn.orElseThrow(), route, resources.queueArn(route.queue()), mode));
            }
        }
        return new ProvisioningReport(report);
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
