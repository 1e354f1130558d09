package io.msgflow.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.AttributeType;
import io.msgflow.MessageAttribute;
import io.msgflow.inmemory.InMemoryTransport;
import io.msgflow.inmemory.QueuedMessage;
import io.msgflow.internal.Json;
import io.msgflow.topology.Topology;
import io.msgflow.transport.MessageSource;
import io.msgflow.transport.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Lambda's SQS event source mapping does, on an in-memory queue: receives a batch, writes it
 * as the JSON event Lambda sends (the queue's raw SQS body and attributes, live receipt handles)
 * and reads it back through the Lambda runtime's own event serializer; after the handler, deletes
 * every message its response does not report.
 */
final class InMemoryEventSource {
    private static final PojoSerializer<SQSEvent> EVENTS = LambdaEventSerializers.serializerFor(SQSEvent.class,
            InMemoryEventSource.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> RESPONSES = LambdaEventSerializers.serializerFor(SQSBatchResponse.class,
            InMemoryEventSource.class.getClassLoader());

    private final InMemoryTransport transport;
    private final String queue;
    private final MessageSource source;
    private final Map<String, ReceivedMessage> inFlight = new LinkedHashMap<>();

    InMemoryEventSource(InMemoryTransport transport, Topology topology, String queue) {
        this.transport = transport;
        this.queue = queue;
        this.source = transport.source(topology, queue);
    }

    /** Receives up to {@code max} messages as Lambda would, as an event; empty when the queue has none. */
    SQSEvent poll(int max) {
        List<ReceivedMessage> received = source.receive(max, Duration.ZERO);
        Map<String, QueuedMessage> raw = new HashMap<>();
        transport.messages(queue).forEach(m -> raw.put(m.transportMessageId(), m));
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (ReceivedMessage r : received) {
            inFlight.put(r.transportMessageId(), r);
            record(records.addObject(), r, raw.get(r.transportMessageId()));
        }
        return EVENTS.fromJson(Json.write(event));
    }

    private void record(ObjectNode record, ReceivedMessage r, QueuedMessage raw) {
        record.put("messageId", r.transportMessageId());
        record.put("receiptHandle", r.receiptHandle());
        record.put("body", raw.sqsBody());
        ObjectNode attributes = record.putObject("attributes");
        attributes.put("ApproximateReceiveCount", String.valueOf(r.receiveCount()));
        attributes.put("SentTimestamp", String.valueOf(raw.sentAt().toEpochMilli()));
        attributes.put("SenderId", "AIDAEXAMPLE");
        attributes.put("ApproximateFirstReceiveTimestamp", String.valueOf(raw.sentAt().toEpochMilli()));
        r.groupId().ifPresent(g -> attributes.put("MessageGroupId", g));
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        raw.sqsAttributes().forEach((name, value) -> attribute(messageAttributes.putObject(name), value));
        record.put("md5OfBody", "not-checked");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:" + queue);
        record.put("awsRegion", "us-east-1");
    }

    private static void attribute(ObjectNode node, MessageAttribute value) {
        if (value.type() == AttributeType.BINARY) {
            node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
        } else {
            node.put("stringValue", value.stringValue());
        }
        node.putArray("stringListValues");
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
    }

    /**
     * Lambda's part after the handler returned: the response goes through the runtime's serializer
     * and every message of the event it does not report is deleted.
     *
     * @return the reported message ids
     */
    Set<String> complete(SQSEvent event, SQSBatchResponse response) {
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        RESPONSES.toJson(response, json);
        SQSBatchResponse sent = RESPONSES.fromJson(json.toString(java.nio.charset.StandardCharsets.UTF_8));
        Set<String> failed = sent.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        List<ReceivedMessage> done = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            ReceivedMessage delivery = inFlight.remove(record.getMessageId());
            if (!failed.contains(record.getMessageId()) && delivery != null) {
                done.add(delivery);
            }
        }
        if (!done.isEmpty()) {
            source.acknowledge(done);
        }
        return failed;
    }
}
