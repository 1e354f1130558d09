package io.msgflow.benchmarks.aws;

import io.msgflow.Message;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.RequestCounter;
import io.msgflow.benchmarks.transport.BenchMessages;
import io.msgflow.benchmarks.transport.BenchMessages.Checksum;
import io.msgflow.benchmarks.transport.BenchMessages.CriticalAlert;
import io.msgflow.benchmarks.transport.BenchMessages.Notification;
import io.msgflow.processing.MessageProcessor;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.PublishResult;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * msgflow on an AWS-compatible peer: {@code publishAll} to the topic (SNS {@code PublishBatch}; on
 * an SQS-only peer {@code SendMessageBatch} to each type's queue), then each queue drained by
 * receives of 10 and {@code processAndSettle} ({@code DeleteMessageBatch}). One thread, like the
 * naive loop. Provisioning and queue-name resolution happen before the count starts.
 */
final class MsgflowAwsRun {
    private MsgflowAwsRun() {
    }

    static Run run(AwsTransport transport, boolean sns, List<Message> messages) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Topology topology = BenchMessages.topology(suffix);
        transport.provision(topology);
        Checksum checksum = new Checksum();
        MessageProcessor processor = BenchMessages.processor(checksum);
        List<String> queues = List.of(BenchMessages.notifications(suffix), BenchMessages.alerts(suffix));
        RequestCounter counter = transport.requestCounter();
        counter.reset();

        long start = System.nanoTime();
        publish(transport, topology, sns, messages, queues);
        long published = System.nanoTime();
        for (String queue : queues) {
            drain(transport.source(topology, queue), processor, checksum, countOf(messages, queue.startsWith("notifications")));
        }
        long consumed = System.nanoTime();
        checksum.check(messages.size());
        return new Run(messages.size(), counter.total(), published - start, consumed - published);
    }

    private static void publish(AwsTransport transport, Topology topology, boolean sns, List<Message> messages, List<String> queues) {
        if (sns) {
            checkPublished(transport.publisher(topology).publishAll(messages));
            return;
        }
        checkPublished(transport.queueSender(topology, queues.get(0)).publishAll(ofType(messages, BenchMessages.NOTIFICATION)));
        checkPublished(transport.queueSender(topology, queues.get(1)).publishAll(ofType(messages, BenchMessages.CRITICAL_ALERT)));
    }

    private static void drain(MessageSource source, MessageProcessor processor, Checksum checksum, long expected) {
        long target = checksum.handled() + expected;
        int emptyReceives = 0;
        while (checksum.handled() < target) {
            List<ReceivedMessage> batch = source.receive(10, Duration.ofSeconds(1));
            if (!batch.isEmpty()) {
                emptyReceives = 0;
                processor.processAndSettle(batch, source);
            } else if (++emptyReceives >= NaiveSdkLoop.MAX_EMPTY_RECEIVES) {
                throw new IllegalStateException("queue '" + source.queue() + "': " + (target - checksum.handled()) + " messages never came");
            }
        }
    }

    private static void checkPublished(PublishResult result) {
        if (!result.allSucceeded()) {
            throw new IllegalStateException(result.failed().size() + " messages were refused, the first: " + result.failed().get(0));
        }
    }

    private static List<Message> ofType(List<Message> messages, String type) {
        return messages.stream().filter(m -> m.type().equals(type)).toList();
    }

    static long countOf(List<Message> messages, boolean notifications) {
        String type = notifications ? BenchMessages.NOTIFICATION : BenchMessages.CRITICAL_ALERT;
        return messages.stream().filter(m -> m.type().equals(type)).count();
    }
}
