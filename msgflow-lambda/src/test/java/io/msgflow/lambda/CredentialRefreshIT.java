package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.Message;
import io.msgflow.postgres.TlsPostgres;
import io.msgflow.sink.SinkException;
import io.msgflow.sink.SinkRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS mode against a PostgreSQL that asks for a password and speaks TLS (a test CA given by
 * {@code MSGFLOW_DB_CA_BUNDLE}), with a Secrets Manager on loopback: the password changes under a
 * running pool, and the sink reads the secret again once and carries on.
 */
class CredentialRefreshIT {
    @TempDir
    Path dir;
    private TlsPostgres postgres;
    private FakeSecretsManager secretsManager;
    private final AtomicInteger secretReads = new AtomicInteger();
    private volatile String password = "first-pa55word";

    @BeforeEach
    void start() {
        postgres = TlsPostgres.start(dir);
        postgres.role("app", password);
        secretsManager = FakeSecretsManager.start(() -> {
            secretReads.incrementAndGet();
            return FakeSecretsManager.Answer.secret("{\"password\":\"" + password + "\"}");
        });
    }

    @AfterEach
    void stop() {
        secretsManager.close();
        postgres.close();
    }

    private LambdaEnvironment environment() {
        LambdaConfig config = LambdaConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", secretsManager.endpoint().toString(),
                "DB_SECRET_NAME", "prod/db", "DB_HOST", "localhost", "DB_PORT", String.valueOf(postgres.port()), "DB_USER", "app",
                "DB_NAME", "app", "MSGFLOW_TABLES", "notification=notification_messages", "MSGFLOW_SCHEMA", "CREATE_IF_MISSING",
                "MSGFLOW_DB_CA_BUNDLE", postgres.caBundle().toString()));
        return LambdaEnvironment.fromConfig(config.toBuilder()
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build());
    }

    @Test
    void aPasswordChangedUnderARunningPoolIsReadAgainOnceAndTheWritesGoOn() throws SQLException {
        try (LambdaEnvironment environment = environment()) {
            assertThat(environment.sink().write(records("m-1")).written()).containsExactly("m-1");
            assertThat(secretReads).hasValue(1);

            changePassword("second-pa55word");
            password = "second-pa55word";

            assertThat(writeAsSqsWouldRetry(environment, "m-2").written()).containsExactly("m-2");
            assertThat(secretReads).as("read again once").hasValue(2);
            assertThat(environment.sink().write(records("m-3")).written()).containsExactly("m-3");
            assertThat(secretReads).hasValue(2);
        }
    }

    @Test
    void aSecretThatIsStillWrongAfterTheRereadFailsTheWriteAfterOneMoreRead() throws SQLException {
        try (LambdaEnvironment environment = environment()) {
            environment.sink().write(records("m-1"));

            changePassword("not-in-the-secret");

            assertThatThrownBy(() -> writeAsSqsWouldRetry(environment, "m-2")).isInstanceOf(SinkException.class)
                    .hasStackTraceContaining("28P01").hasMessageNotContaining("first-pa55word");
            assertThat(secretReads).as("one read at start, one after the refusal").hasValue(2);
        }
    }

    /**
     * A write, and a second one if the first failed on the connection the termination killed
     * (SQLState 08006 or 57P01, a transient failure SQS redelivers): the pool hands out the dead connection
     * once, then opens a new one, which the database refuses.
     */
    private static io.msgflow.sink.WriteResult writeAsSqsWouldRetry(LambdaEnvironment environment, String id) {
        try {
            return environment.sink().write(records(id));
        } catch (SinkException e) {
            if (!e.getMessage().contains("SQLState 08006") && !e.getMessage().contains("SQLState 57P01")) {
                throw e;
            }
            return environment.sink().write(records(id));
        }
    }

    private void changePassword(String newPassword) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres&sslmode=disable");
             Statement s = c.createStatement()) {
            s.execute("ALTER ROLE app PASSWORD '" + newPassword + "'");
            s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'app'").close();
        }
    }

    private static List<SinkRecord> records(String id) {
        return List.of(SinkRecord.of(Message.builder().id(id).type("notification").body("{\"n\":1}").build()));
    }
}
