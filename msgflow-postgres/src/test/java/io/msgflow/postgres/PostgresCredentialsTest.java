package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.msgflow.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresCredentialsTest {
    private static final String PASSWORD = "s3cr3t-P@ss";

    @Test
    void jdbcUrlCredentialsAreTakenOutOfTheUrl() {
        PostgresCredentials c = PostgresCredentials.fromJdbcUrl(
                "jdbc:postgresql://db.internal:6432/app?user=writer&password=s3cr3t-P%40ss&sslmode=require");

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/app?sslmode=require");
        assertThat(c.username()).contains("writer");
        assertThat(c.password()).isEqualTo(PASSWORD);
        assertThat(c.toString()).doesNotContain(PASSWORD).contains("password=****");
    }

    @Test
    void urlWithoutCredentials() {
        PostgresCredentials c = PostgresCredentials.fromJdbcUrl("jdbc:postgresql://127.0.0.1/app");

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/app");
        assertThat(c.username()).isEmpty();
        assertThat(c.toString()).contains("password=none");
    }

    @Test
    void separateUserAndPasswordWinOverTheUrlOnes() {
        PostgresCredentials c = PostgresCredentials.of("jdbc:postgresql://h/app?user=a&password=b", "writer", PASSWORD);

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h/app");
        assertThat(c.username()).contains("writer");
        assertThat(c.password()).isEqualTo(PASSWORD);
    }

    @Test
    void aWrongUrlIsShownWithItsPasswordMasked() {
        Throwable e = catchThrowable(() -> PostgresCredentials.fromJdbcUrl("jdbc:mysql://h/app?user=u&password=" + PASSWORD));

        assertThat(e).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`jdbcUrl` must start with 'jdbc:postgresql:', but was 'jdbc:mysql://h/app?user=u&password=****'");
    }

    @Test
    void aMalformedPasswordEscapeDoesNotQuoteThePassword() {
        Throwable e = catchThrowable(() -> PostgresCredentials.fromJdbcUrl("jdbc:postgresql://h/app?password=" + PASSWORD + "%zz"));

        assertThat(e).hasMessage("`jdbcUrl` parameter 'password' must be URL-encoded, but has a malformed %-escape");
        assertNoPasswordIn(e);
    }

    @Test
    void environmentVariablesOfTheWorkflow() {
        PostgresCredentials c = PostgresCredentials.fromEnvironment(Map.of("DB_HOST", "localhost", "DB_PORT", "5433",
                "DB_USER", "app", "DB_PASSWORD", PASSWORD, "DB_NAME", "messages"));

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/messages");
        assertThat(c.username()).contains("app");
        assertThat(c.password()).isEqualTo(PASSWORD);
    }

    @Test
    void environmentPortDefaultsTo5432() {
        PostgresCredentials c = PostgresCredentials.fromEnvironment(Map.of("DB_HOST", "h", "DB_USER", "u", "DB_NAME", "d"));

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
        assertThat(c.password()).isNull();
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        Map<String, String> env = new HashMap<>(Map.of("DB_HOST", "h", "DB_USER", "u", "DB_PASSWORD", PASSWORD));

        Throwable e = catchThrowable(() -> PostgresCredentials.fromEnvironment(env));

        assertThat(e).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("environment variable `DB_NAME` must be set, but was missing");
        assertThat(((InvalidConfigurationException) e).setting()).isEqualTo("DB_NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000", "-1"})
    void aBadPortIsNamedWithItsRule(String port) {
        Throwable e = catchThrowable(() -> PostgresCredentials.fromEnvironment(Map.of("DB_HOST", "h", "DB_PORT", port,
                "DB_USER", "u", "DB_NAME", "d")));

        assertThat(e).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("`DB_PORT` must be")
                .hasMessageContaining(port);
    }

    @Test
    void theWorkflowsSecret() {
        PostgresCredentials c = PostgresCredentials.fromSecret(
                "{\"host\":\"db.example\",\"port\":5432,\"username\":\"app\",\"password\":\"" + PASSWORD + "\",\"database\":\"messages\"}");

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/messages");
        assertThat(c.username()).contains("app");
        assertThat(c.password()).isEqualTo(PASSWORD);
    }

    @Test
    void aSecretWithATextPortAndTheRdsDatabaseKey() {
        PostgresCredentials c = PostgresCredentials.fromSecret(
                "{\"engine\":\"postgres\",\"host\":\"h\",\"port\":\"6543\",\"username\":\"u\",\"password\":\"p\",\"dbname\":\"d\"}");

        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:6543/d");
    }

    @Test
    void aSecretThatIsNotJsonDoesNotQuoteIt() {
        String secret = "{\"host\":\"h\",\"password\":\"" + PASSWORD + "\" oops";

        Throwable e = catchThrowable(() -> PostgresCredentials.fromSecret(secret));

        assertThat(e).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("`secret` must be a JSON object with host, port, username, password and database,"
                        + " but was not valid JSON (error at line 1, column ");
        assertNoPasswordIn(e);
    }

    @Test
    void aSecretMissingAKeyNamesTheKeyOnly() {
        Throwable e = catchThrowable(() -> PostgresCredentials.fromSecret(
                "{\"host\":\"h\",\"port\":5432,\"password\":\"" + PASSWORD + "\",\"database\":\"d\"}"));

        assertThat(e).hasMessage("secret `username` must be set, but was missing");
        assertNoPasswordIn(e);
    }

    @Test
    void aSecretThatIsNotAnObject() {
        assertThat(catchThrowable(() -> PostgresCredentials.fromSecret("[\"" + PASSWORD + "\"]")))
                .hasMessage("`secret` must be a JSON object with host, port, username, password and database, but was a JSON array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h/evil", "h?x=1", "user@h", "h h", ""})
    void aHostThatWouldBendTheUrlIsRejected(String host) {
        assertThat(catchThrowable(() -> PostgresCredentials.of(host, 5432, "d", "u", PASSWORD)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("`host` must be a host name, an IPv4 address or an [IPv6] address, but was '" + host + "'");
    }

    @Test
    void ipv6HostsAndDatabaseNamesAreEncodedForTheUrl() {
        assertThat(PostgresCredentials.of("[::1]", 5432, "my db/x", "u", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/my+db%2Fx");
    }

    private static void assertNoPasswordIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
            assertThat(t.toString()).doesNotContain(PASSWORD);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"postgresql://app:%s@db:5432/app", "postgres://app:%s@db/app",
        "jdbc:postgresql://app:%s@db:5432/app", "jdbc:postgresql://db/app?user=app&PASSWORD=%s"})
    void aPastedUrlWithItsPasswordNeverShowsIt(String template) {
        PostgresCredentials c = PostgresCredentials.fromJdbcUrl(template.formatted(PASSWORD));

        assertThat(c.jdbcUrl()).doesNotContain(PASSWORD).startsWith("jdbc:postgresql://db");
        assertThat(c.toString()).doesNotContain(PASSWORD).contains("password=****");
        assertThat(c.username()).contains("app");
        assertThat(c.password()).isEqualTo(PASSWORD);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"host=db user=app password=%s dbname=app",
        "jdbc:sqlserver://db;user=app;password=%s", "mysql://app:%s@db/app", "jdbc:postgresql://db/app?sslpassword=%s"})
    void anotherSyntaxIsRefusedWithoutQuotingThePassword(String template) {
        Throwable e = catchThrowable(() -> PostgresCredentials.fromJdbcUrl(template.formatted(PASSWORD)).toString());

        if (e == null) {
            assertThat(PostgresCredentials.fromJdbcUrl(template.formatted(PASSWORD)).toString()).doesNotContain(PASSWORD);
        } else {
            assertNoPasswordIn(e);
        }
    }
}
