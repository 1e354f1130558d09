package io.msgflow.aws.peers;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fauxqs SNS/SQS emulator (npm {@code fauxqs} 1.9.2, pinned in {@code src/test/fauxqs}) as a
 * child process on 127.0.0.1 and a free port. Needs {@code node} on the path and the package
 * installed ({@code npm ci}, which the Maven build runs). Stops when closed, or with the JVM.
 */
public final class FauxqsServer implements AutoCloseable {
    private static final String READY = "MSGFLOW_FAUXQS_LISTENING ";

    private final Process process;
    private final URI endpoint;

    private FauxqsServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static FauxqsServer start() {
        Path dir = Path.of(System.getProperty("msgflow.fauxqs.dir", "src/test/fauxqs")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("node_modules/fauxqs/package.json"))) {
            throw new IllegalStateException("fauxqs is not installed in " + dir + ": run `npm ci` there (the Maven build does)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "--require", "./bind-loopback.cjs", "server.mjs")
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(logDirectory(), "fauxqs.log")));
        builder.environment().put("FAUXQS_PORT", "0");
        try {
            Process process = builder.start();
            URI endpoint = awaitEndpoint(process);
            return new FauxqsServer(process, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fauxqs with `node` in " + dir, e);
        }
    }

    private static File logDirectory() {
        File target = new File("target");
        return target.isDirectory() ? target : new File(System.getProperty("java.io.tmpdir"));
    }

    private static URI awaitEndpoint(Process process) {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(READY)) {
                        ready.complete(URI.create(line.substring(READY.length()).trim()));
                    }
                }
                ready.completeExceptionally(new IllegalStateException("fauxqs exited with " + process.waitFor()
                        + " before listening; see target/fauxqs.log"));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        }, "fauxqs-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("interrupted while starting fauxqs", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroy();
            throw new IllegalStateException("fauxqs did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
