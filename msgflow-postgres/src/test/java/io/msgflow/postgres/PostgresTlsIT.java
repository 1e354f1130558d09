package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PostgresTls} against a PostgreSQL that speaks TLS with a certificate of a CA made for the test. */
class PostgresTlsIT {
    private static final String PASSWORD = "tls-test-pa55";
    @TempDir
    static Path dir;
    private static TlsPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TlsPostgres.start(dir);
        postgres.role("app", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheServersCaConnectsOverTls() throws SQLException {
        try (HikariDataSource pool = pool("localhost", PostgresTls.verifyFull(postgres.caBundle()))) {
            assertThat(usesTls(pool)).isTrue();
        }
    }

    @Test
    void verifyFullWithAnotherCaFailsNamingTheBundleAndTheCertificate() {
        Path otherCa = TestCertificates.authority("other test CA").writeBundle(dir);

        try (HikariDataSource pool = pool("localhost", PostgresTls.verifyFull(otherCa))) {
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
                    .cause().hasMessageContaining("the database server's certificate (subject 'CN=localhost', issued by 'O=msgflow tests, CN=msgflow test CA')")
                    .hasMessageContaining("does not chain to a CA of the trusted bundle " + otherCa.toAbsolutePath() + " (1 certificates)");
        }
    }

    @Test
    void theRdsBundleDoesNotTrustAServerOutsideRds() {
        try (HikariDataSource pool = pool("localhost", PostgresTls.rdsVerifyFull())) {
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).cause()
                    .hasMessageContaining("does not chain to a CA of the trusted bundle classpath:" + PostgresTls.RDS_BUNDLE_RESOURCE
                            + " (102 certificates)");
        }
    }

    @Test
    void verifyFullRefusesACertificateForAnotherHost() {
        try (HikariDataSource pool = pool("127.0.0.1", PostgresTls.verifyFull(postgres.caBundle()))) {
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
                    .cause().hasMessageContaining("The hostname 127.0.0.1 could not be verified");
        }
    }

    @Test
    void disabledConnectsWithoutTls() throws SQLException {
        try (HikariDataSource pool = pool("localhost", PostgresTls.disabled())) {
            assertThat(usesTls(pool)).isFalse();
        }
    }

    /** A pool that waits long for a connection that will come, and briefly for one that will be refused. */
    private static HikariDataSource pool(String host, PostgresTls tls) {
        PostgresCredentials credentials = PostgresCredentials.of(host, postgres.port(), "app", "app", PASSWORD);
        Duration wait = tls.equals(PostgresTls.verifyFull(postgres.caBundle())) && host.equals("localhost") || tls.equals(PostgresTls.disabled())
                ? Duration.ofSeconds(30) : Duration.ofSeconds(10);
        return DataSources.pooled(credentials, PoolOptions.builder().connectionTimeout(wait).build(), tls);
    }

    private static boolean usesTls(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            return rs.getBoolean(1);
        }
    }
}
