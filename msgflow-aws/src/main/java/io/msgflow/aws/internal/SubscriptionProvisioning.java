package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import io.msgflow.aws.DriftMode;
import io.msgflow.aws.ProvisioningReport;
import io.msgflow.filter.FilterScope;
import io.msgflow.topology.Delivery;
import io.msgflow.topology.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Subscribes a queue to the topic with the route's filter policy, scope and raw delivery, or
 * compares an existing subscription with the route. A route without a filter policy expects none
 * (removing one sets it to {@code {}}). An existing subscription's {@code RawMessageDelivery} is
 * switched only in {@link DriftMode#CORRECT_INCLUDING_DELIVERY}: in {@link DriftMode#CORRECT} a
 * subscription whose delivery differs is left as it is and reported drifted.
 */
final class SubscriptionProvisioning {
    static final String FILTER_POLICY = "FilterPolicy";
    static final String FILTER_POLICY_SCOPE = "FilterPolicyScope";
    static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";
    private static final Map<String, String> DEFAULTS = Map.of(RAW_MESSAGE_DELIVERY, "false",
            FILTER_POLICY_SCOPE, FilterScope.MESSAGE_ATTRIBUTES.wireName());
    private static final Map<String, Settings.Comparison> COMPARISONS = Map.of(FILTER_POLICY, Settings.Comparison.FILTER_POLICY,
            RAW_MESSAGE_DELIVERY, Settings.Comparison.BOOLEAN);

    private final SnsClient sns;

    SubscriptionProvisioning(SnsClient sns) {
        this.sns = sns;
    }

    ProvisioningReport.Resource ensure(String topic, String topicArn, Route route, String queueArn, DriftMode mode) {
        String name = topic + " -> " + route.queue();
        Map<String, String> settings = settings(route);
        Optional<String> existing = find(topic, topicArn, queueArn);
        if (existing.isEmpty()) {
            if (!Settings.creates(mode)) {
                return missing(topic, route);
            }
            subscribe(topic, topicArn, queueArn, settings);
            return new ProvisioningReport.Resource(ProvisioningReport.Kind.SUBSCRIPTION, name, ProvisioningReport.Status.CREATED, List.of());
        }
        String arn = existing.get();
        Map<String, ProvisioningReport.Difference> differences = Settings.differences(settings, attributes(topic, arn), DEFAULTS, COMPARISONS);
        boolean correctable = mode == DriftMode.CORRECT_INCLUDING_DELIVERY || !differences.containsKey(RAW_MESSAGE_DELIVERY);
        if (Settings.corrects(mode) && correctable) {
            differences.keySet().forEach(attribute -> set(topic, arn, attribute, settings.get(attribute)));
        }
        return new ProvisioningReport.Resource(ProvisioningReport.Kind.SUBSCRIPTION, name, Settings.status(differences, mode, correctable),
                Settings.list(differences));
    }

    /** The entry of a subscription that does not exist and is not created. */
    static ProvisioningReport.Resource missing(String topic, Route route) {
        return new ProvisioningReport.Resource(ProvisioningReport.Kind.SUBSCRIPTION, topic + " -> " + route.queue(),
                ProvisioningReport.Status.MISSING, List.of());
    }

    /** The attributes the route asks for, as SNS spells them; an empty filter policy means none. */
    static Map<String, String> settings(Route route) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(RAW_MESSAGE_DELIVERY, Boolean.toString(route.delivery() == Delivery.RAW));
        settings.put(FILTER_POLICY, route.filterPolicy().map(p -> p.json()).orElse(""));
        route.filterPolicy().ifPresent(p -> settings.put(FILTER_POLICY_SCOPE, p.scope().wireName()));
        return settings;
    }

    private Optional<String> find(String topic, String topicArn, String queueArn) {
        try {
            return sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
                    .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()))
                    .map(Subscription::subscriptionArn)
                    .findFirst();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "ListSubscriptionsByTopic");
        }
    }

    private void subscribe(String topic, String topicArn, String queueArn, Map<String, String> settings) {
        Map<String, String> attributes = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (!v.isEmpty()) {
                attributes.put(k, v);
            }
        });
        try {
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(attributes).returnSubscriptionArn(true));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "Subscribe");
        }
    }

    private Map<String, String> attributes(String topic, String subscriptionArn) {
        try {
            return sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscriptionArn)).attributes();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "GetSubscriptionAttributes");
        }
    }

    private void set(String topic, String subscriptionArn, String attribute, String value) {
        String wire = attribute.equals(FILTER_POLICY) && value.isEmpty() ? "{}" : value;
        try {
            sns.setSubscriptionAttributes(r -> r.subscriptionArn(subscriptionArn).attributeName(attribute).attributeValue(wire));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "SetSubscriptionAttributes");
        }
    }
}
