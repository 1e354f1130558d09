package io.msgflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsAreAwsModeWithTheDocumentedSettings() {
        LambdaConfig config = LambdaConfig.fromEnvironment(Map.of());

        assertThat(config.mode()).isEqualTo(LambdaMode.AWS);
        assertThat(config.region()).isEmpty();
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.topicArn()).isEmpty();
        assertThat(config.queueUrls()).isEmpty();
        assertThat(config.tables()).isEmpty();
        assertThat(config.schemaSetup()).isEqualTo(SchemaSetup.EXISTING);
        assertThat(config.fifoFailureMode()).isEqualTo(FifoFailureMode.STOP_AT_FIRST_FAILURE);
        assertThat(config.retryVisibility()).isEqualTo(RetryVisibility.BACKOFF);
        assertThat(config.drainWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.drainMinMargin()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEveryVariable() {
        LambdaConfig config = LambdaConfig.fromEnvironment(env(
                "ENVIRONMENT", "Local", "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:messages-topic",
                "QUEUE_URLS", "https://sqs.eu-west-1.amazonaws.com/123456789012/a, https://sqs.eu-west-1.amazonaws.com/123456789012/b",
                "DB_SECRET_NAME", "prod/db", "DB_HOST", "db", "DB_PASSWORD", "s3cret",
                "MSGFLOW_TABLES", "notification=notification_messages, critical_alert=alerts.critical_alerts",
                "MSGFLOW_SCHEMA", "create-if-missing", "MSGFLOW_FIFO_FAILURE_MODE", "release_failed_group",
                "MSGFLOW_RETRY_VISIBILITY", "QUEUE_TIMEOUT", "MSGFLOW_DRAIN_WAIT", "5s", "MSGFLOW_DRAIN_MIN_MARGIN", "PT30S"));

        assertThat(config.mode()).isEqualTo(LambdaMode.LOCAL);
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(config.requireTopicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:messages-topic");
        assertThat(config.queueUrls()).containsExactly("https://sqs.eu-west-1.amazonaws.com/123456789012/a",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/b");
        assertThat(config.dbSecretName()).contains("prod/db");
        assertThat(config.tables()).containsExactly(Map.entry("notification", "notification_messages"),
                Map.entry("critical_alert", "alerts.critical_alerts"));
        assertThat(config.schemaSetup()).isEqualTo(SchemaSetup.CREATE_IF_MISSING);
        assertThat(config.fifoFailureMode()).isEqualTo(FifoFailureMode.RELEASE_FAILED_GROUP);
        assertThat(config.retryVisibility()).isEqualTo(RetryVisibility.QUEUE_TIMEOUT);
        assertThat(config.drainWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.drainMinMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.localDatabaseSettings()).containsOnlyKeys("DB_HOST");
    }

    @Test
    void thePasswordIsNeverShown() {
        LambdaConfig config = LambdaConfig.fromEnvironment(env("ENVIRONMENT", "local", "DB_HOST", "db", "DB_PASSWORD", "s3cret-value"));

        assertThat(config.toString()).doesNotContain("s3cret-value").contains("DB_HOST=db");
    }

    @Test
    void errorsNameTheVariableTheRuleAndTheValue() {
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_FIFO_FAILURE_MODE", "sometimes")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("environment variable `MSGFLOW_FIFO_FAILURE_MODE` must be one of [STOP_AT_FIRST_FAILURE, RELEASE_FAILED_GROUP],"
                        + " but was 'sometimes'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_DRAIN_WAIT", "30s")))
                .hasMessage("environment variable `MSGFLOW_DRAIN_WAIT` must be between 0 s and 20 s, but was '30s'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_DRAIN_MIN_MARGIN", "soon")))
                .hasMessage("environment variable `MSGFLOW_DRAIN_MIN_MARGIN` must be a duration such as 10s, 500ms, 2min or PT10S, but was 'soon'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_TABLES", "notification")))
                .hasMessageStartingWith("environment variable `MSGFLOW_TABLES` must be a comma-separated list of type=table");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_TABLES", "a=t1,a=t2")))
                .hasMessageContaining("maps 'a' twice");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_TABLES", "a=Bad-Table")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("`MSGFLOW_TABLES`, table of type 'a'")
                .hasMessageContaining("Bad-Table");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("TOPIC_ARN", "messages-topic")))
                .hasMessage("`TOPIC_ARN` must be an SNS ARN such as arn:aws:sns:eu-west-1:123456789012:name, but was 'messages-topic'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("TOPIC_ARN", "arn:aws:sqs:eu-west-1:123456789012:q")))
                .hasMessageContaining("must be an SNS ARN");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("QUEUE_URLS", "notifications")))
                .hasMessageContaining("`QUEUE_URLS` must be a queue URL").hasMessageContaining("'notifications'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("AWS_ENDPOINT_URL", "localhost")))
                .hasMessage("environment variable `AWS_ENDPOINT_URL` must be an absolute http(s) URL such as http://127.0.0.1:4566, but was 'localhost'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("AWS_REGION", "Europe")))
                .hasMessage("`AWS_REGION` must be an AWS region name such as eu-west-1, but was 'Europe'");
    }

    @Test
    void variablesAHandlerNeedsAreNamedWhenMissing() {
        LambdaConfig config = LambdaConfig.fromEnvironment(Map.of());

        assertThatThrownBy(config::requireTopicArn).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("environment variable `TOPIC_ARN` must be set (the SNS topic to publish to), but was missing");
        assertThatThrownBy(config::requireTables)
                .hasMessageStartingWith("environment variable `MSGFLOW_TABLES` must be set");
    }

    @Test
    void blankValuesCountAsUnset() {
        LambdaConfig config = LambdaConfig.fromEnvironment(env("TOPIC_ARN", "  ", "QUEUE_URLS", "", "MSGFLOW_SCHEMA", " "));

        assertThat(config.topicArn()).isEmpty();
        assertThat(config.queueUrls()).isEqualTo(List.of());
        assertThat(config.schemaSetup()).isEqualTo(SchemaSetup.EXISTING);
    }

    @Test
    void awsModeVerifiesTheDatabaseAgainstTheRdsBundleByDefaultAndLocalModeLeavesItToTheConnection() {
        assertThat(LambdaConfig.fromEnvironment(env()).databaseTls()).isEqualTo(io.msgflow.postgres.PostgresTls.rdsVerifyFull());
        assertThat(LambdaConfig.fromEnvironment(env("ENVIRONMENT", "local")).databaseTls())
                .isEqualTo(io.msgflow.postgres.PostgresTls.asUrlSays());
        assertThat(LambdaConfig.fromEnvironment(env("ENVIRONMENT", "local", "MSGFLOW_DB_SSLMODE", "disable")).databaseTls())
                .isEqualTo(io.msgflow.postgres.PostgresTls.disabled());
        assertThat(LambdaConfig.fromEnvironment(env("MSGFLOW_DB_SSLMODE", "verify-full")).toString())
                .contains("databaseTls=verify-full against the Amazon RDS CA bundle of msgflow-postgres");
    }

    @Test
    void plainConnectionsAreRefusedInAwsModeAndABadBundleOrModeIsNamed() throws java.io.IOException {
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_DB_SSLMODE", "disable")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`MSGFLOW_DB_SSLMODE` must be verify-full in AWS mode (the credentials cross the network), but was disable;"
                        + " plain connections are allowed in local mode only");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_DB_SSLMODE", "prefer")))
                .hasMessage("environment variable `MSGFLOW_DB_SSLMODE` must be verify-full or disable, but was 'prefer'");
        assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("MSGFLOW_DB_CA_BUNDLE", "/no/such/bundle.pem")))
                .hasMessage("environment variable `MSGFLOW_DB_CA_BUNDLE` must be the path of a readable PEM file of CA certificates,"
                        + " but was '/no/such/bundle.pem'");
        java.nio.file.Path bundle = java.nio.file.Files.createTempFile("ca", ".pem");
        try {
            assertThat(LambdaConfig.fromEnvironment(env("MSGFLOW_DB_CA_BUNDLE", bundle.toString())).databaseTls())
                    .isEqualTo(io.msgflow.postgres.PostgresTls.verifyFull(bundle));
            assertThatThrownBy(() -> LambdaConfig.fromEnvironment(env("ENVIRONMENT", "local", "MSGFLOW_DB_SSLMODE", "disable",
                    "MSGFLOW_DB_CA_BUNDLE", bundle.toString()))).hasMessageContaining("must be verify-full when `MSGFLOW_DB_CA_BUNDLE` is set");
        } finally {
            java.nio.file.Files.delete(bundle);
        }
    }
}
