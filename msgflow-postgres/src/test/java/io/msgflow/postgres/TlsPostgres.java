package io.msgflow.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL that speaks TLS with a certificate of a test CA for {@code localhost}
 * only (so connecting by {@code 127.0.0.1} breaks verify-full's host check), and asks every user but {@code postgres} for a password (scram-sha-256), as
 * RDS does. Close it when done.
 */
public final class TlsPostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path caBundle;

    private TlsPostgres(EmbeddedPostgres postgres, Path caBundle) {
        this.postgres = postgres;
        this.caBundle = caBundle;
    }

    /** Starts one with a new CA; its files go to {@code dir}. */
    public static TlsPostgres start(Path dir) {
        TestCertificates ca = TestCertificates.authority("msgflow test CA");
        TestCertificates.ServerFiles server = ca.issueServer(dir, "localhost");
        try {
            Path hba = Files.writeString(dir.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
            EmbeddedPostgres postgres = TestPostgres.start(EmbeddedPostgres.builder()
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", server.certificate().toString())
                    .setServerConfig("ssl_key_file", server.key().toString())
                    .setServerConfig("hba_file", hba.toString())
                    .setServerConfig("password_encryption", "scram-sha-256"));
            return new TlsPostgres(postgres, ca.writeBundle(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The PEM bundle of the CA that signed the server's certificate. */
    public Path caBundle() {
        return caBundle;
    }

    /** Creates (or changes the password of) a login role that owns a database of its name. */
    public void role(String name, String password) {
        admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + name + "') THEN CREATE ROLE " + name
                + " LOGIN; END IF; END $$");
        admin("ALTER ROLE " + name + " PASSWORD '" + password + "'");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                s.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void admin(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=postgres&sslmode=disable");
    }

    @Override
    public void close() {
        TestPostgres.close(postgres);
    }
}
