package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Resolves topic ARNs, queue URLs and queue ARNs by name, once each; thread-safe. A topic ARN is
 * the configured one, else the one provisioning found, else built from the configured account id,
 * else looked up with {@code ListTopics}; a queue URL is the configured one, else the one
 * provisioning found, else looked up with {@code GetQueueUrl}.
 */
public final class Resources {
    private final SnsClient sns;
    private final SqsClient sqs;
    private final Optional<String> accountId;
    private final String partition;
    private final String region;
    private final Map<String, String> knownTopicArns;
    private final Map<String, String> knownQueueUrls;
    private final ConcurrentMap<String, String> topicArns = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> queueUrls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> queueArns = new ConcurrentHashMap<>();

    public Resources(SnsClient sns, SqsClient sqs, Optional<String> accountId, String partition, String region) {
        this(sns, sqs, accountId, partition, region, Map.of(), Map.of());
    }

    /**
     * @param knownTopicArns topic ARNs by topic name, used without any lookup
     * @param knownQueueUrls queue URLs by queue name, used without any lookup
     */
    public Resources(SnsClient sns, SqsClient sqs, Optional<String> accountId, String partition, String region,
                     Map<String, String> knownTopicArns, Map<String, String> knownQueueUrls) {
        this.sns = sns;
        this.sqs = sqs;
        this.accountId = accountId;
        this.partition = partition;
        this.region = region;
        this.knownTopicArns = Map.copyOf(knownTopicArns);
        this.knownQueueUrls = Map.copyOf(knownQueueUrls);
        topicArns.putAll(knownTopicArns);
        queueUrls.putAll(knownQueueUrls);
    }

    /** The topic's ARN without a lookup: the configured one, or one built from the account id. */
    public Optional<String> addressedTopicArn(String topic) {
        String known = knownTopicArns.get(topic);
        if (known != null) {
            return Optional.of(known);
        }
        return accountId.map(account -> "arn:" + partition + ":sns:" + region + ":" + account + ":" + topic);
    }

    /** The configured URL of the queue, if any. */
    public Optional<String> knownQueueUrl(String queue) {
        return Optional.ofNullable(knownQueueUrls.get(queue));
    }

    public String topicArn(String topic) {
        return topicArns.computeIfAbsent(topic, this::resolveTopicArn);
    }

    public String queueUrl(String queue) {
        return queueUrls.computeIfAbsent(queue, this::resolveQueueUrl);
    }

    public String queueArn(String queue) {
        return queueArns.computeIfAbsent(queue, this::resolveQueueArn);
    }

    public void rememberTopic(String topic, String arn) {
        topicArns.put(topic, arn);
    }

    public void rememberQueue(String queue, String url, String arn) {
        queueUrls.put(queue, url);
        queueArns.put(queue, arn);
    }

    /** Forgets a queue, so the next use resolves it again (after it was deleted or recreated). */
    public void forgetQueue(String queue) {
        queueUrls.remove(queue);
        queueArns.remove(queue);
        knownQueueUrl(queue).ifPresent(url -> queueUrls.put(queue, url));
    }

    /** The topic's ARN when it exists, looked up by {@code ListTopics}. */
    public Optional<String> findTopicArn(String topic) {
        String suffix = ":" + topic;
        try {
            return sns.listTopicsPaginator(r -> { }).topics().stream()
                    .map(Topic::topicArn)
                    .filter(arn -> arn.endsWith(suffix))
                    .findFirst();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.TOPIC, topic, "ListTopics");
        }
    }

    private String resolveTopicArn(String topic) {
        Optional<String> addressed = addressedTopicArn(topic);
        if (addressed.isPresent()) {
            return addressed.get();
        }
        return findTopicArn(topic).orElseThrow(() -> new ResourceNotFoundException(ResourceNotFoundException.Kind.TOPIC, topic));
    }

    private String resolveQueueUrl(String queue) {
        try {
            return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "GetQueueUrl");
        }
    }

    private String resolveQueueArn(String queue) {
        String url = queueUrl(queue);
        try {
            return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, ResourceNotFoundException.Kind.QUEUE, queue, "GetQueueAttributes");
        }
    }
}
