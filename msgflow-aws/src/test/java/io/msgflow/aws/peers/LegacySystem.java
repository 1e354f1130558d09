package io.msgflow.aws.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The system msgflow is adopted beside, played with the plain AWS SDK exactly as it runs: one
 * topic; one queue per message type, without a dead-letter queue, with a queue policy of its own
 * wording (its own {@code Sid}, arrays where msgflow writes scalars); subscriptions that filter on
 * the String attribute {@code message_type} and deliver the SNS envelope (raw delivery off); a
 * publisher that sends plain text; a consumer that receives, reads {@code json.loads(Body)['Message']}
 * and deletes one by one.
 */
public final class LegacySystem {
    public static final String TYPE_ATTRIBUTE = "message_type";

    private final SnsClient sns;
    private final SqsClient sqs;
    private final String topicArn;
    private final Map<String, String> queueUrlsByType;

    private LegacySystem(SnsClient sns, SqsClient sqs, String topicArn, Map<String, String> queueUrlsByType) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.queueUrlsByType = queueUrlsByType;
    }

    /** Creates the topic and, for each type, its queue and envelope subscription. */
    public static LegacySystem create(SnsClient sns, SqsClient sqs, String topic, Map<String, String> queuesByType) {
        String topicArn = sns.createTopic(r -> r.name(topic)).topicArn();
        Map<String, String> urls = new LinkedHashMap<>();
        queuesByType.forEach((type, queue) -> {
            String url = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributesAsStrings().get("QueueArn");
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy(topicArn, queueArn))));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).returnSubscriptionArn(true)
                    .attributes(Map.of("FilterPolicy", "{\"" + TYPE_ATTRIBUTE + "\": [\"" + type + "\"]}")));
            urls.put(type, url);
        });
        return new LegacySystem(sns, sqs, topicArn, urls);
    }

    private static String policy(String topicArn, String queueArn) {
        return """
                {
                  "Version": "2012-10-17",
                  "Id": "legacy-queue-policy",
                  "Statement": [ {
                      "Sid": "AllowLegacyTopic",
                      "Effect": "Allow",
                      "Principal": { "Service": [ "sns.amazonaws.com" ] },
                      "Action": [ "sqs:SendMessage" ],
                      "Resource": "%s",
                      "Condition": { "ArnEquals": { "aws:SourceArn": "%s" } }
                  } ]
                }""".formatted(queueArn, topicArn);
    }

    public String topicArn() {
        return topicArn;
    }

    public String queueUrl(String type) {
        return queueUrlsByType.get(type);
    }

    /** The old publisher: {@code Publish} with a plain-text message and one String attribute. */
    public String publish(String type, String text) {
        return sns.publish(r -> r.topicArn(topicArn).message(text).messageAttributes(Map.of(TYPE_ATTRIBUTE,
                MessageAttributeValue.builder().dataType("String").stringValue(type).build()))).messageId();
    }

    /** What the old consumer stores for one message: the SQS MessageId and the envelope's {@code Message}. */
    public record Consumed(String sqsMessageId, String message) {
    }

    /**
     * The old consumer, one call of it: receive up to 10 (waiting up to {@code waitSeconds}), read
     * {@code Body} as JSON and take its {@code Message} (failing as Python's {@code KeyError} would when
     * the body is not an envelope), then delete the messages one by one.
     */
    public List<Consumed> consumeOnce(String type, int waitSeconds) {
        String url = queueUrl(type);
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
                .messages();
        List<Consumed> consumed = new ArrayList<>();
        for (Message m : received) {
            consumed.add(new Consumed(m.messageId(), envelopeMessage(m.body())));
        }
        for (Message m : received) {
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        }
        return consumed;
    }

    private static String envelopeMessage(String body) {
        var envelope = io.msgflow.internal.Json.tryParse(body);
        if (envelope == null || !envelope.isObject() || !envelope.has("Message")) {
            throw new IllegalStateException("KeyError: 'Message' (the body is not an SNS envelope: " + body + ")");
        }
        return envelope.get("Message").asText();
    }
}
