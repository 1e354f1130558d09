package io.msgflow.aws.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.msgflow.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SQS endpoint on 127.0.0.1 speaking the SQS JSON protocol over real HTTP, whose answers to
 * {@code SendMessageBatch} a test scripts request by request: to make throttling and server faults
 * happen on demand, which no emulator does. {@code GetQueueUrl} answers for any name.
 */
public final class ScriptedSqsServer implements AutoCloseable {
    /** What one entry of one request gets. */
    public enum Answer { OK, THROTTLED, SERVER_FAULT, INVALID }

    /** The answer to one whole request: an HTTP error for all of it, or one answer per entry. */
    @FunctionalInterface
    public interface Script {
        /** @return null to answer each entry by {@link #entry}, or an HTTP status and error code for the whole call */
        default WholeCall whole(int request) {
            return null;
        }

        Answer entry(int request, String messageBody);
    }

    public record WholeCall(int status, String code) {
    }

    private final HttpServer server;
    private final Script script;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    private ScriptedSqsServer(Script script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ScriptedSqsServer start(Script script) {
        try {
            return new ScriptedSqsServer(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The message bodies of each SendMessageBatch request received, in order. */
    public List<List<String>> batches() {
        return List.copyOf(batches);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode request = Json.tryParse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if ("AmazonSQS.GetQueueUrl".equals(target)) {
            respond(exchange, 200, Json.MAPPER.createObjectNode().put("QueueUrl",
                    endpoint() + "/000000000000/" + request.get("QueueName").asText()), null);
        } else if ("AmazonSQS.SendMessageBatch".equals(target)) {
            sendMessageBatch(exchange, request);
        } else {
            respond(exchange, 400, error("InvalidAction", "not scripted: " + target), "InvalidAction;Sender");
        }
    }

    private void sendMessageBatch(HttpExchange exchange, JsonNode request) throws IOException {
        int number = batches.size();
        List<String> bodies = new ArrayList<>();
        request.get("Entries").forEach(e -> bodies.add(e.get("MessageBody").asText()));
        batches.add(bodies);
        WholeCall whole = script.whole(number);
        if (whole != null) {
            respond(exchange, whole.status(), error(whole.code(), "scripted failure of request " + number),
                    whole.code() + (whole.status() >= 500 ? ";Receiver" : ";Sender"));
            return;
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode ok = response.putArray("Successful");
        ArrayNode failed = response.putArray("Failed");
        for (JsonNode entry : request.get("Entries")) {
            String id = entry.get("Id").asText();
            Map.Entry<String, Boolean> failure = failure(script.entry(number, entry.get("MessageBody").asText()));
            if (failure == null) {
                ObjectNode success = ok.addObject().put("Id", id).put("MessageId", "m-" + number + "-" + id)
                        .put("MD5OfMessageBody", md5(entry.get("MessageBody").asText().getBytes(StandardCharsets.UTF_8)));
                if (entry.has("MessageAttributes")) {
                    success.put("MD5OfMessageAttributes", attributesMd5(entry.get("MessageAttributes")));
                }
            } else {
                failed.addObject().put("Id", id).put("Code", failure.getKey()).put("SenderFault", failure.getValue())
                        .put("Message", "scripted " + failure.getKey());
            }
        }
        respond(exchange, 200, response, null);
    }

    private static Map.Entry<String, Boolean> failure(Answer answer) {
        return switch (answer) {
            case OK -> null;
            case THROTTLED -> Map.entry("ThrottlingException", false);
            case SERVER_FAULT -> Map.entry("InternalError", false);
            case INVALID -> Map.entry("InvalidMessageContents", true);
        };
    }

    /** The digest SQS returns for message attributes: per attribute by name, length-prefixed name, type, kind and value. */
    private static String attributesMd5(JsonNode attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TreeSet<String> names = new TreeSet<>();
        attributes.fieldNames().forEachRemaining(names::add);
        names.forEach(name -> {
            JsonNode a = attributes.get(name);
            lengthPrefixed(out, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, a.get("DataType").asText().getBytes(StandardCharsets.UTF_8));
            if (a.has("BinaryValue")) {
                out.write(2);
                lengthPrefixed(out, Base64.getDecoder().decode(a.get("BinaryValue").asText()));
            } else {
                out.write(1);
                lengthPrefixed(out, a.get("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        });
        return md5(out.toByteArray());
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode error(String code, String message) {
        return Json.MAPPER.createObjectNode().put("__type", "com.amazonaws.sqs#" + code).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body, String queryError) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        if (queryError != null) {
            exchange.getResponseHeaders().set("x-amzn-query-error", queryError);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
