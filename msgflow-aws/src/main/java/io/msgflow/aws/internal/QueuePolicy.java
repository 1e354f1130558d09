package io.msgflow.aws.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.internal.Json;

/** The SQS queue policy msgflow provisions: SNS may send to the queue only on behalf of one topic. */
final class QueuePolicy {
    private QueuePolicy() {
    }

    static String allowOnly(String topicArn, String queueArn) {
        ObjectNode policy = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject()
                .put("Sid", "msgflow-allow-topic")
                .put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "sns.amazonaws.com");
        statement.put("Action", "sqs:SendMessage").put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", topicArn);
        return Json.write(policy);
    }
}
