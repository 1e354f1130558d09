package io.msgflow.lambda;

import io.msgflow.aws.AwsServices;
import io.msgflow.aws.AwsTransport;
import io.msgflow.aws.peers.FauxqsServer;
import io.msgflow.postgres.PostgresCredentials;
import io.msgflow.postgres.TestPostgres;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real peers of the integration tests, started once per JVM: fauxqs (SNS + SQS) and PostgreSQL. */
final class Peers {
    static final String REGION = io.msgflow.aws.peers.Peers.REGION;
    private static FauxqsServer fauxqs;

    private Peers() {
    }

    static synchronized URI fauxqs() {
        if (fauxqs == null) {
            fauxqs = FauxqsServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(fauxqs::close));
        }
        return fauxqs.endpoint();
    }

    static AwsTransport transport() {
        return io.msgflow.aws.peers.Peers.transport(fauxqs(), AwsServices.SNS_AND_SQS).build();
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /**
     * The {@code DB_*} variables of local mode for the test database (a fresh schema {@code schema}
     * is created in it). The embedded server trusts loopback, so there is no password; an external
     * one's comes from {@code MSGFLOW_TEST_JDBC_URL}.
     */
    static Map<String, String> database(String schema) {
        PostgresCredentials credentials = TestPostgres.get().freshSchema(schema);
        URI uri = URI.create(credentials.jdbcUrl().substring("jdbc:".length()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", uri.getHost());
        env.put("DB_PORT", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 5432));
        env.put("DB_NAME", uri.getPath().substring(1));
        env.put("DB_USER", credentials.username().orElse("postgres"));
        String external = System.getenv(TestPostgres.EXTERNAL_URL_VARIABLE);
        if (external != null && external.contains("password=")) {
            String password = external.substring(external.indexOf("password=") + "password=".length());
            env.put("DB_PASSWORD", password.contains("&") ? password.substring(0, password.indexOf('&')) : password);
        }
        return env;
    }
}
