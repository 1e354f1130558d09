package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool is configured without connecting: a database that is down must not stop the application from starting. */
class DataSourcesTest {

    @Test
    void poolIsSizedForItsWritersAndInManualCommitMode() {
        PostgresCredentials credentials = PostgresCredentials.fromJdbcUrl("jdbc:postgresql://127.0.0.1:1/app?user=u&password=pw");
        PoolOptions options = PoolOptions.builder().concurrentWriters(4).connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(90)).applicationName("orders").build();

        try (HikariDataSource pool = DataSources.pooled(credentials, options)) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
            assertThat(pool.getMinimumIdle()).isEqualTo(4);
            assertThat(pool.isAutoCommit()).isFalse();
            assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:1/app");
            assertThat(pool.getUsername()).isEqualTo("u");
            assertThat(pool.getPassword()).isEqualTo("pw");
            assertThat(pool.getDataSourceProperties()).containsEntry("ApplicationName", "orders")
                    .containsEntry("socketTimeout", 90L).containsEntry("connectTimeout", 2L);
        }
    }

    @Test
    void aTlsChoiceAndSslParametersInTheUrlAreRefusedNamingTheParametersOnly() {
        PostgresCredentials credentials = PostgresCredentials.fromJdbcUrl(
                "jdbc:postgresql://db:5432/app?sslmode=disable&sslpassword=key-s3cret&user=app");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataSources.pooled(credentials, PoolOptions.defaults(), PostgresTls.rdsVerifyFull()))
                .isInstanceOf(io.msgflow.InvalidConfigurationException.class)
                .hasMessage("`tls` is verify-full against the Amazon RDS CA bundle of msgflow-postgres, so the JDBC URL must not set ssl"
                        + " parameters of its own, but it sets [sslmode, sslpassword]")
                .hasMessageNotContaining("key-s3cret");
        try (HikariDataSource asUrlSays = DataSources.pooled(credentials, PoolOptions.defaults())) {
            assertThat(asUrlSays.getJdbcUrl()).contains("sslmode=disable");
        }
    }

    @Test
    void verifyFullNeedsAReadableBundleAndSetsPgJdbcsSslProperties() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostgresTls.verifyFull(java.nio.file.Path.of("/no/such/ca.pem")))
                .isInstanceOf(io.msgflow.InvalidConfigurationException.class)
                .hasMessage("`caBundle` must be a readable PEM file of CA certificates, but was '/no/such/ca.pem', which does not exist");
        PostgresCredentials credentials = PostgresCredentials.fromJdbcUrl("jdbc:postgresql://db:5432/app");
        try (HikariDataSource pool = DataSources.pooled(credentials, PoolOptions.defaults(), PostgresTls.rdsVerifyFull())) {
            assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "verify-full")
                    .containsEntry("sslfactoryarg", "classpath:" + PostgresTls.RDS_BUNDLE_RESOURCE);
        }
    }
}
