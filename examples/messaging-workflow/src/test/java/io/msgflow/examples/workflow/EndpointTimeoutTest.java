package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --endpoint} against servers that do not answer: the run says where it connects, fails
 * within the emulator timeouts (it used to print nothing for two minutes), and {@code --deadline}
 * bounds a run that hangs later.
 */
class EndpointTimeoutTest {
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket silent;
    private HttpServer partial;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (silent != null) {
            silent.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
        if (partial != null) {
            partial.stop(0);
        }
    }

    @Test
    void anEndpointThatAcceptsAndNeverAnswersFailsWithinTheCallTimeout() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        String endpoint = "http://127.0.0.1:" + silent.getLocalPort();

        long start = System.nanoTime();
        AppRun run = AppRun.of("--endpoint", endpoint);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).isEqualTo(WorkflowApp.EXIT_FAILED);
        assertThat(run.err()).startsWith("connecting to SNS/SQS at " + endpoint + " (connect timeout 2 s, read timeout 5 s, at most 12 s a call)")
                .contains("error: the workflow failed: " + endpoint + ": the SNS/SQS endpoint did not answer ListQueues within 12 s");
        assertThat(took).as("failed within the call timeout, not the SDK's minutes of retries")
                .isGreaterThanOrEqualTo(Transport.READ_TIMEOUT).isLessThan(Transport.CALL_TIMEOUT.plusSeconds(10));
        assertThat(held).as("the app did connect").isNotEmpty();
    }

    @Test
    void theDeadlineGivesUpARunThatHangsAfterConnecting() throws IOException {
        partial = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        partial.createContext("/", exchange -> {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getRequestBody().readAllBytes();
            if (target.endsWith(".ListQueues")) {
                byte[] body = "{\"QueueUrls\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
        });
        partial.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        partial.start();

        long start = System.nanoTime();
        AppRun run = AppRun.of(List.of("--endpoint", "http://127.0.0.1:" + partial.getAddress().getPort(), "--deadline", "2"), Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).isEqualTo(WorkflowApp.EXIT_FAILED);
        assertThat(run.err()).contains("error: the workflow did not finish within 2 s (--deadline); given up");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Transport.READ_TIMEOUT);
    }

    @Test
    void aDeadlineOutOfRangeIsABadOption() {
        AppRun run = AppRun.of("--deadline", "0");

        assertThat(run.exitCode()).isEqualTo(WorkflowApp.EXIT_USAGE);
        assertThat(run.err()).contains("`--deadline` must be between 1 and 86400, but was 0");
    }
}
