package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.aws.AwsTransport;
import io.msgflow.internal.Json;
import io.msgflow.postgres.TestPostgres;
import io.msgflow.topology.QueueSpec;
import io.msgflow.topology.Topology;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar: what it holds, and how long {@link StoreMessagesHandler} takes to start in a
 * fresh JVM configured only by environment variables (against fauxqs and PostgreSQL on loopback).
 * Timings are written to {@code target/cold-start.txt}; they depend on the machine and are reported,
 * not asserted.
 */
class ColdStartIT {
    private static final String QUEUE = "cold-start-queue";
    private static final Path SHADED = Path.of(System.getProperty("msgflow.lambda.shadedJar",
            "target/msgflow-lambda-0.1.0-SNAPSHOT-aws.jar"));

    @Test
    void theShadedJarHoldsOneHttpClientAndMergedServiceFiles() throws IOException {
        try (ZipFile jar = new ZipFile(SHADED.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
            assertThat(names).contains("io/msgflow/lambda/StoreMessagesHandler.class", "io/msgflow/lambda/DrainQueueHandler.class",
                    "io/msgflow/lambda/PublishHandler.class", "org/joda/time/DateTime.class", "org/postgresql/Driver.class");
            assertThat(names).noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("org/apache/hc/") || n.startsWith("org/apache/http/"));
            assertThat(names).noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA"));
            String httpServices = new String(jar.getInputStream(jar.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(httpServices).contains("UrlConnectionSdkHttpService").doesNotContain("software.amazon.awssdk.http.apache");
        }
    }

    @Test
    void theStoreHandlerStartsInAFreshJvm() throws Exception {
        try (AwsTransport admin = Peers.transport()) {
            admin.provision(Topology.builder("cold-start-topic").queue(QueueSpec.builder(QUEUE).deadLetterQueue(QUEUE + "-dlq", 3).build()).build());
        }
        Map<String, String> database = Peers.database("cold_start");
        List<String> results = new ArrayList<>();
        for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
            JsonNode run = probe(database, flags);
            assertThat(run.get("failures").asInt()).isZero();
            results.add((flags.isEmpty() ? "default JIT" : flags) + ": " + run);
        }

        try (Connection c = TestPostgres.get().admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM cold_start.notification_messages")) {
            rs.next();
            assertThat(rs.getInt(1)).as("cold-1 and cold-2, stored once over both runs").isEqualTo(2);
        }
        String report = "shaded jar " + SHADED.getFileName() + ": " + Files.size(SHADED) + " bytes ("
                + String.format(java.util.Locale.ROOT, "%.1f", Files.size(SHADED) / 1024.0 / 1024.0) + " MiB)\n"
                + String.join("\n", results) + "\n";
        Files.writeString(Path.of("target/cold-start.txt"), report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        System.out.print(report);
    }

    private static JsonNode probe(Map<String, String> database, String flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!flags.isEmpty()) {
            command.add(flags);
        }
        command.addAll(List.of("-cp", SHADED + File.pathSeparator + Path.of("target", "test-classes"),
                ColdStartProbe.class.getName(), QUEUE));
        command.add(String.valueOf(System.nanoTime()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("DB_") || name.startsWith("MSGFLOW_"));
        env.putAll(database);
        env.put("ENVIRONMENT", "local");
        env.put("AWS_REGION", Peers.REGION);
        env.put("AWS_ENDPOINT_URL", Peers.fauxqs().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("MSGFLOW_TABLES", "notification=cold_start.notification_messages");
        env.put("MSGFLOW_SCHEMA", "CREATE_IF_MISSING");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String line = output.lines().filter(l -> l.startsWith("COLD_START ")).findFirst()
                .orElseThrow(() -> new AssertionError("no COLD_START line in:\n" + output));
        return Json.MAPPER.readTree(line.substring("COLD_START ".length()));
    }
}
