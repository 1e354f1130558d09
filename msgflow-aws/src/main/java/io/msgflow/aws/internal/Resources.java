package io.msgflow.aws.internal;

import io.msgflow.ResourceNotFoundException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Resolves topic ARNs, queue URLs and queue ARNs by name, once each; thread-safe. A topic ARN
 * comes from provisioning, else from the configured account id, else from {@code ListTopics}.
 */
public final class Resources {
    private final SnsClient sns;
    private final SqsClient sqs;
    private final Optional<String> accountId;
    private final String partition;
    private final String region;
    private final ConcurrentMap<String, String> topicArns = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> queueUrls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> queueArns = new ConcurrentHashMap<>();

    public Resources(SnsClient sns, SqsClient sqs, Optional<String> accountId, String partition, String region) {
        this.sns = sns;
        this.sqs = sqs;
        this.accountId = accountId;
        this.partition = partition;
        this.region = region;
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
        if (accountId.isPresent()) {
            return "arn:" + partition + ":sns:" + region + ":" + accountId.get() + ":" + topic;
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
