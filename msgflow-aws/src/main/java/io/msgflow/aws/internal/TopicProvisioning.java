package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Creates the topology's SNS topic, or compares the existing one with the topology. A topic whose
 * ARN is known (configured, or built from the account id) is read with {@code GetTopicAttributes}
 * alone; otherwise it is looked up with {@code ListTopics}.
 */
final class TopicProvisioning {
    private static final String FIFO = "FifoTopic";
    private static final String CONTENT_DEDUP = "ContentBasedDeduplication";
    private static final Map<String, String> DEFAULTS = Map.of(FIFO, "false", CONTENT_DEDUP, "false");
    private static final Map<String, Settings.Comparison> COMPARISONS = Map.of(FIFO, Settings.Comparison.BOOLEAN,
            CONTENT_DEDUP, Settings.Comparison.BOOLEAN);

    private final SnsClient sns;
    private final Resources resources;

    TopicProvisioning(SnsClient sns, Resources resources) {
        this.sns = sns;
        this.resources = resources;
    }

    /** The report entry; the topic's ARN is remembered in {@link Resources}. */
    ProvisioningReport.Resource ensure(Topology topology, DriftMode mode) {
        String topic = topology.topic();
        Map<String, String> settings = settings(topology);
        Optional<String> addressed = resources.addressedTopicArn(topic);
        Optional<String> existing = addressed.isPresent() ? addressed : resources.findTopicArn(topic);
        Optional<Map<String, String>> actual = existing.flatMap(arn -> attributes(topic, arn));
        if (actual.isEmpty()) {
            if (!Settings.creates(mode)) {
                return new ProvisioningReport.Resource(ProvisioningReport.Kind.TOPIC, topic, ProvisioningReport.Status.MISSING, List.of());
            }
            resources.rememberTopic(topic, create(topic, settings));
            return new ProvisioningReport.Resource(ProvisioningReport.Kind.TOPIC, topic, ProvisioningReport.Status.CREATED, List.of());
        }
        String arn = existing.get();
        resources.rememberTopic(topic, arn);
        Map<String, ProvisioningReport.Difference> differences = Settings.differences(settings, actual.get(), DEFAULTS, COMPARISONS);
        boolean correctable = !differences.containsKey(FIFO);
        if (Settings.corrects(mode) && correctable) {
            differences.keySet().forEach(name -> set(topic, arn, name, settings.get(name)));
        }
        return new ProvisioningReport.Resource(ProvisioningReport.Kind.TOPIC, topic, Settings.status(differences, mode, correctable),
                Settings.list(differences));
    }

    private static Map<String, String> settings(Topology topology) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (topology.isFifo()) {
            settings.put(FIFO, "true");
            settings.put(CONTENT_DEDUP, Boolean.toString(topology.contentBasedDeduplication()));
        }
        return settings;
    }

    private String create(String topic, Map<String, String> settings) {
        try {
            return sns.createTopic(r -> r.name(topic).attributes(settings)).topicArn();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "CreateTopic");
        }
    }

    /** The topic's attributes, or empty when it does not exist. */
    private Optional<Map<String, String>> attributes(String topic, String arn) {
        try {
            return Optional.of(sns.getTopicAttributes(r -> r.topicArn(arn)).attributes());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "GetTopicAttributes");
        }
    }

    private void set(String topic, String arn, String name, String value) {
        try {
            sns.setTopicAttributes(r -> r.topicArn(arn).attributeName(name).attributeValue(value));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "SetTopicAttributes");
        }
    }
}
