package io.msgflow.tck.internal;

import io.msgflow.Message;
import io.msgflow.MessageAttribute;
import io.msgflow.WireFormat;
import io.msgflow.internal.Json;
import io.msgflow.transport.ReceivedMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Messages the transport kit publishes; every one has a fresh id. */
public final class KitMessages {
    /** The type every kit message has unless a test names another. */
    public static final String NOTIFICATION = "notification";

    private KitMessages() {
    }

    /** The same delivery with another receipt handle, e.g. one the queue never issued. */
    public static ReceivedMessage withReceiptHandle(ReceivedMessage d, String receiptHandle) {
        return d.withReceiptHandle(receiptHandle);
    }

    /** A message of {@code type} with a small JSON body unique to it. */
    public static Message message(String type) {
        return Message.builder().type(type).body(Json.write(Map.of("type", type, "nonce", UUID.randomUUID().toString()))).build();
    }

    /** A notification in message group {@code group} with a fresh deduplication id. */
    public static Message fifo(String group, String body) {
        return Message.builder().type(NOTIFICATION).body(body).groupId(group).deduplicationId(UUID.randomUUID().toString()).build();
    }

    /** A notification with one String attribute. */
    public static Message withAttribute(String name, String value) {
        return message(NOTIFICATION).toBuilder().attribute(name, value).build();
    }

    /** A notification with one Number attribute of the given text. */
    public static Message withNumber(String name, String value) {
        return message(NOTIFICATION).toBuilder().attribute(name, MessageAttribute.of("Number", value)).build();
    }

    /** A notification with one String.Array attribute. */
    public static Message withArray(String name, List<String> values) {
        return message(NOTIFICATION).toBuilder().attribute(name, MessageAttribute.stringArray(values)).build();
    }

    /** A notification with the given body and no attributes of its own. */
    public static Message withBody(String body) {
        return Message.builder().type(NOTIFICATION).body(body).build();
    }

    /** A notification with {@code count} String attributes of its own. */
    public static Message withAttributes(int count) {
        Message.Builder b = message(NOTIFICATION).toBuilder();
        IntStream.range(0, count).forEach(i -> b.attribute("attr" + i, "value " + i));
        return b.build();
    }

    /** A message with {@code count} attributes of its own, built as received (up to 10 allowed), to test what publish refuses. */
    public static Message receivedWithAttributes(int count) {
        Message.Builder b = message(NOTIFICATION).toBuilder();
        IntStream.range(0, count).forEach(i -> b.attribute("attr" + i, "value " + i));
        return b.buildReceived();
    }

    /** String, Number and Binary attributes and a unicode body. */
    public static Message richMessage() {
        return Message.builder().type(NOTIFICATION).body("{\"text\":\"disk at 80% — Grüße 👋\",\"host\":\"db-1\"}")
                .attribute("store", "example_corp")
                .attribute("price_usd", MessageAttribute.number(new BigDecimal("210.75")))
                .attribute("signature", MessageAttribute.binary(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}))
                .build();
    }

    /** A copy of {@code template} whose body makes its wire size exactly {@code size} bytes. */
    public static Message ofWireSize(WireFormat wire, Message template, int size) {
        int overhead = wire.sizeInBytes(template.toBuilder().body("x").build()) - 1;
        String body = "\"" + "x".repeat(size - overhead - 2) + "\"";
        return template.toBuilder().body(body).build();
    }
}
