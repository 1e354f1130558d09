package io.msgflow.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A Secrets Manager on loopback over real HTTP that answers every request with what {@code answer} gives, and records the requests. */
final class FakeSecretsManager implements AutoCloseable {
    /** The HTTP status and JSON body of an answer. */
    record Answer(int status, String body) {
        /** A {@code GetSecretValue} answer holding {@code secretString}. */
        static Answer secret(String secretString) {
            return new Answer(200, "{\"Name\":\"prod/db\",\"SecretString\":" + quote(secretString) + ",\"VersionId\":\"v1\"}");
        }
    }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeSecretsManager(Supplier<Answer> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer a = answer.get();
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static FakeSecretsManager start(Supplier<Answer> answer) {
        return new FakeSecretsManager(answer);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Each request's {@code X-Amz-Target} and body. */
    List<String> requests() {
        return requests;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
