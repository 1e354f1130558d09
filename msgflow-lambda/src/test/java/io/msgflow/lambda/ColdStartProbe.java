package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run by {@code ColdStartIT} in a fresh JVM on the shaded jar, configured by environment variables
 * as a deployed function is: times the JVM's start (from the parent's {@code System.nanoTime()}
 * before the launch, a system-wide monotonic clock on Linux, to {@code main}), the handler's construction (what Lambda's init phase runs) and
 * its first and second invocations, and prints them on one line starting with {@code COLD_START}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long launchToMain = millis(System.nanoTime() - Long.parseLong(args[1]));
        String queue = args[0];
        long t0 = System.nanoTime();
        StoreMessagesHandler handler = new StoreMessagesHandler();
        long t1 = System.nanoTime();
        SQSBatchResponse first = handler.handleRequest(event(queue, "cold-1"), TestContext.plenty());
        long t2 = System.nanoTime();
        SQSBatchResponse second = handler.handleRequest(event(queue, "cold-2"), TestContext.plenty());
        long t3 = System.nanoTime();
        System.out.println("COLD_START {\"launchToMainMs\":" + launchToMain + ",\"initMs\":" + millis(t1 - t0)
                + ",\"firstInvocationMs\":" + millis(t2 - t1) + ",\"secondInvocationMs\":" + millis(t3 - t2)
                + ",\"failures\":" + (first.getBatchItemFailures().size() + second.getBatchItemFailures().size()) + "}");
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static SQSEvent event(String queue, String id) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("sqs-" + id);
        record.setReceiptHandle("handle-" + id);
        record.setBody("{\"probe\":\"" + id + "\"}");
        record.setEventSource("aws:sqs");
        record.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:" + queue);
        record.setAttributes(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", String.valueOf(System.currentTimeMillis())));
        record.setMessageAttributes(Map.of("message_type", attribute("notification"), "msgflow_id", attribute(id)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        return event;
    }

    private static SQSEvent.MessageAttribute attribute(String value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("String");
        attribute.setStringValue(value);
        return attribute;
    }
}
