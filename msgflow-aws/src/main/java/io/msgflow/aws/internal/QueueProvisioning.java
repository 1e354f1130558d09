package io.msgflow.aws.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.ResourceNotFoundException;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.internal.Durations;
import io.msgflow.internal.Json;
import io.msgflow.topology.QueueSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates one SQS queue with the settings of its {@link QueueSpec} (and, for a subscribed queue,
 * the policy that lets only the topic send), or compares an existing one with them. A queue whose
 * URL is configured is read with {@code GetQueueAttributes} alone; otherwise it is looked up with
 * {@code GetQueueUrl}.
 */
final class QueueProvisioning {
    private static final String VISIBILITY = QueueAttributeName.VISIBILITY_TIMEOUT.toString();
    private static final String DELAY = QueueAttributeName.DELAY_SECONDS.toString();
    private static final String RETENTION = QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString();
    private static final String REDRIVE = QueueAttributeName.REDRIVE_POLICY.toString();
    private static final String CONTENT_DEDUP = QueueAttributeName.CONTENT_BASED_DEDUPLICATION.toString();
    private static final String POLICY = QueueAttributeName.POLICY.toString();
    private static final Map<String, String> DEFAULTS = Map.of(VISIBILITY, "30", DELAY, "0", RETENTION, "345600",
            CONTENT_DEDUP, "false");
    private static final Map<String, Settings.Comparison> COMPARISONS = Map.of(
            VISIBILITY, Settings.Comparison.NUMBER, DELAY, Settings.Comparison.NUMBER, RETENTION, Settings.Comparison.NUMBER,
            CONTENT_DEDUP, Settings.Comparison.BOOLEAN,
            REDRIVE, Settings.Comparison.JSON_SCALARS_AS_TEXT, POLICY, Settings.Comparison.POLICY);

    private final SqsClient sqs;
    private final Resources resources;

    QueueProvisioning(SqsClient sqs, Resources resources) {
        this.sqs = sqs;
        this.resources = resources;
    }

    /** The report entry and, unless the queue is missing, its ARN. */
    record Ensured(ProvisioningReport.Resource resource, Optional<String> arn) {
    }

    /**
     * @param deadLetterArn the ARN of the spec's dead-letter queue, provisioned before
     * @param topicArn for a queue the topic delivers to: the only source its policy admits
     */
    Ensured ensure(QueueSpec spec, Optional<String> deadLetterArn, Optional<String> topicArn, DriftMode mode) {
        Map<String, String> settings = settings(spec, deadLetterArn);
        Optional<String> knownUrl = resources.knownQueueUrl(spec.name());
        Optional<String> existing = knownUrl.isPresent() ? knownUrl : existingUrl(spec.name());
        Optional<Map<String, String>> found = existing.flatMap(url -> attributes(spec.name(), url));
        if (found.isEmpty()) {
            if (!Settings.creates(mode)) {
                return new Ensured(resource(spec, ProvisioningReport.Status.MISSING, java.util.List.of()), Optional.empty());
            }
            String url = create(spec, settings);
            String arn = arnOf(spec.name(), url);
            resources.rememberQueue(spec.name(), url, arn);
            topicArn.ifPresent(topic -> set(spec.name(), url, Map.of(POLICY, QueuePolicy.allowOnly(topic, arn))));
            return new Ensured(resource(spec, ProvisioningReport.Status.CREATED, java.util.List.of()), Optional.of(arn));
        }
        String url = existing.get();
        Map<String, String> actual = found.get();
        String arn = actual.get(QueueAttributeName.QUEUE_ARN.toString());
        resources.rememberQueue(spec.name(), url, arn);
        topicArn.ifPresent(topic -> settings.put(POLICY, QueuePolicy.allowOnly(topic, arn)));
        Map<String, ProvisioningReport.Difference> differences = Settings.differences(settings, actual, DEFAULTS, COMPARISONS);
        if (Settings.corrects(mode) && !differences.isEmpty()) {
            Map<String, String> corrections = new LinkedHashMap<>();
            differences.keySet().forEach(name -> corrections.put(name, settings.get(name)));
            set(spec.name(), url, corrections);
        }
        return new Ensured(resource(spec, Settings.status(differences, mode, true), Settings.list(differences)), Optional.of(arn));
    }

    private static ProvisioningReport.Resource resource(QueueSpec spec, ProvisioningReport.Status status,
                                                        java.util.List<ProvisioningReport.Difference> differences) {
        return new ProvisioningReport.Resource(ProvisioningReport.Kind.QUEUE, spec.name(), status, differences);
    }

    /** The attributes the spec asks for, as SQS spells them; an empty redrive policy means none. */
    static Map<String, String> settings(QueueSpec spec, Optional<String> deadLetterArn) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(VISIBILITY, seconds(spec.name(), "visibilityTimeout", spec.visibilityTimeout()));
        settings.put(DELAY, seconds(spec.name(), "delay", spec.delay()));
        settings.put(RETENTION, seconds(spec.name(), "retention", spec.retention()));
        settings.put(REDRIVE, spec.redrive().map(r -> Json.write(Map.of(
                "deadLetterTargetArn", deadLetterArn.orElseThrow(), "maxReceiveCount", r.maxReceiveCount()))).orElse(""));
        if (spec.isFifo()) {
            settings.put(CONTENT_DEDUP, Boolean.toString(spec.contentBasedDeduplication()));
        }
        return settings;
    }

    private static String seconds(String queue, String setting, Duration value) {
        if (value.getNano() != 0) {
            throw new InvalidConfigurationException(setting, "queue '" + queue + "': `" + setting
                    + "` must be whole seconds on SQS, but was " + Durations.format(value));
        }
        return Long.toString(value.getSeconds());
    }

    private Optional<String> existingUrl(String queue) {
        try {
            return Optional.of(sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "GetQueueUrl");
        }
    }

    private String create(QueueSpec spec, Map<String, String> settings) {
        Map<String, String> attributes = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (!v.isEmpty()) {
                attributes.put(k, v);
            }
        });
        if (spec.isFifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE.toString(), "true");
        }
        try {
            return sqs.createQueue(r -> r.queueName(spec.name()).attributesWithStrings(attributes)).queueUrl();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, spec.name(), "CreateQueue");
        }
    }

    /** The queue's attributes, or empty when it does not exist. */
    private Optional<Map<String, String>> attributes(String queue, String url) {
        try {
            return Optional.of(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "GetQueueAttributes");
        }
    }

    private String arnOf(String queue, String url) {
        try {
            return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "GetQueueAttributes");
        }
    }

    private void set(String queue, String url, Map<String, String> attributes) {
        try {
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(attributes));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "SetQueueAttributes");
        }
    }
}
