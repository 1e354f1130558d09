package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.TransportException;
import io.msgflow.postgres.PostgresCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Database credentials in both modes; AWS mode against a Secrets Manager answering on loopback over real HTTP. */
class LambdaEnvironmentTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";
    private static final String SECRET = "{\"host\":\"db.example.internal\",\"port\":5432,\"username\":\"app\",\"password\":\""
            + PASSWORD + "\",\"database\":\"messages\"}";

    private volatile int status = 200;
    private volatile String answer = "{\"Name\":\"prod/db\",\"SecretString\":" + quote(SECRET) + ",\"VersionId\":\"v1\"}";
    private FakeSecretsManager secretsManager;
    private List<String> requests;

    private static String quote(String text) {
        return FakeSecretsManager.quote(text);
    }

    @BeforeEach
    void startSecretsManager() {
        secretsManager = FakeSecretsManager.start(() -> new FakeSecretsManager.Answer(status, answer));
        requests = secretsManager.requests();
    }

    @AfterEach
    void stop() {
        secretsManager.close();
    }

    private LambdaEnvironment awsEnvironment(String secretName) {
        return awsEnvironment(secretName, Map.of());
    }

    private LambdaEnvironment awsEnvironment(String secretName, Map<String, String> databaseVariables) {
        LambdaConfig.Builder config = LambdaConfig.builder().mode(LambdaMode.AWS).region("eu-west-1").localDatabase(databaseVariables)
                .endpoint(secretsManager.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        if (secretName != null) {
            config.dbSecretName(secretName);
        }
        return LambdaEnvironment.fromConfig(config.build());
    }

    @Test
    void awsModeReadsTheSecretOncePerContainer() {
        try (LambdaEnvironment environment = awsEnvironment("prod/db")) {
            PostgresCredentials first = environment.databaseCredentials();
            PostgresCredentials second = environment.databaseCredentials();

            assertThat(first.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.internal:5432/messages");
            assertThat(first.username()).contains("app");
            assertThat(second).isSameAs(first);
            assertThat(requests).singleElement().satisfies(r -> assertThat(r)
                    .startsWith("secretsmanager.GetSecretValue").contains("\"SecretId\":\"prod/db\""));
            assertThat(first.toString()).doesNotContain(PASSWORD);
            assertThat(environment.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aSecretSecretsManagerCannotFindIsNamed() {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}";

        try (LambdaEnvironment environment = awsEnvironment("prod/missing")) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(TransportException.class)
                    .hasMessage("secret 'prod/missing': GetSecretValue failed: ResourceNotFoundException: Secrets Manager can't find the"
                            + " specified secret.");
        }
    }

    @Test
    void anIncompleteSecretIsRefusedWithoutShowingIt() {
        answer = "{\"SecretString\":" + quote("{\"host\":\"db\",\"username\":\"app\",\"password\":\"" + PASSWORD + "\"}") + "}";

        try (LambdaEnvironment environment = awsEnvironment("prod/db")) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("must hold `database`, or environment variable `DB_NAME` must be set").hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void aSecretWithOnlyThePasswordTakesTheRestFromTheEnvironment() {
        answer = "{\"SecretString\":" + quote("{\"password\":\"" + PASSWORD + "\"}") + "}";
        Map<String, String> variables = Map.of("DB_HOST", "db.abc.eu-west-1.rds.amazonaws.com", "DB_PORT", "6432", "DB_USER", "app",
                "DB_NAME", "messages");

        try (LambdaEnvironment environment = awsEnvironment("prod/db", variables)) {
            assertThat(environment.databaseCredentials().jdbcUrl()).startsWith("jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:6432/messages");
            assertThat(environment.databaseCredentials().username()).contains("app");
        }
    }

    @Test
    void whatTheSecretHoldsWinsOverTheEnvironment() {
        try (LambdaEnvironment environment = awsEnvironment("prod/db", Map.of("DB_HOST", "old-host", "DB_USER", "old-user"))) {
            assertThat(environment.databaseCredentials().jdbcUrl()).startsWith("jdbc:postgresql://db.example.internal:5432/messages");
            assertThat(environment.databaseCredentials().username()).contains("app");
        }
    }

    @Test
    void aFieldNeitherTheSecretNorTheEnvironmentHoldsIsNamedAndAPasswordVariableIsRefused() {
        answer = "{\"SecretString\":" + quote("{\"password\":\"" + PASSWORD + "\"}") + "}";

        try (LambdaEnvironment environment = awsEnvironment("prod/db", Map.of("DB_USER", "app", "DB_NAME", "messages"))) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("secret 'prod/db' must hold `host`, or environment variable `DB_HOST` must be set, but neither was");
        }
        try (LambdaEnvironment environment = awsEnvironment("prod/db", Map.of("DB_HOST", "db", "DB_PASSWORD", "plain-text"))) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("environment variable `DB_PASSWORD` must not be set in AWS mode")
                    .hasMessageNotContaining("plain-text");
        }
    }

    @Test
    void awsModeWithoutASecretNameNamesTheVariable() {
        try (LambdaEnvironment environment = awsEnvironment(null)) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("environment variable `DB_SECRET_NAME` must be set (the Secrets Manager secret with the database"
                            + " credentials, in AWS mode), but was missing");
            assertThat(requests).isEmpty();
        }
    }

    @Test
    void localModeReadsThePlainVariables() {
        LambdaConfig config = LambdaConfig.fromEnvironment(Map.of("ENVIRONMENT", "local", "AWS_REGION", "us-east-1",
                "DB_HOST", "127.0.0.1", "DB_PORT", "5433", "DB_USER", "app", "DB_PASSWORD", PASSWORD, "DB_NAME", "messages"));

        try (LambdaEnvironment environment = LambdaEnvironment.fromConfig(config)) {
            assertThat(environment.databaseCredentials().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/messages");
            assertThat(environment.databaseCredentials().toString()).doesNotContain(PASSWORD);
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void localModeNamesAMissingVariable() {
        LambdaConfig config = LambdaConfig.fromEnvironment(Map.of("ENVIRONMENT", "local", "AWS_REGION", "us-east-1", "DB_HOST", "db"));

        try (LambdaEnvironment environment = LambdaEnvironment.fromConfig(config)) {
            assertThatThrownBy(environment::databaseCredentials).isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("`DB_NAME`");
        }
    }
}
