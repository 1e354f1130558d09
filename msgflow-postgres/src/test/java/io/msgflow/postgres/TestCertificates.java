package io.msgflow.postgres;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, and server certificates it signs, written as
 * the PEM files PostgreSQL ({@code ssl_cert_file}, {@code ssl_key_file}) and a client's CA bundle take.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=name}. */
    public static TestCertificates authority(String name) {
        KeyPair keys = rsa();
        X500Name subject = new X500Name("CN=" + name + ",O=msgflow tests");
        try {
            X509v3CertificateBuilder b = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(name, keys, sign(b, keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA's certificate as a PEM file in {@code dir}: a client's trusted bundle. */
    public Path writeBundle(Path dir) {
        return write(dir.resolve(name.replaceAll("[^A-Za-z0-9]", "-") + "-ca.pem"), certificate);
    }

    /**
     * A server certificate for {@code hosts} (DNS names or IPv4 addresses) signed by this CA,
     * written to {@code dir} as {@code server.crt} and {@code server.key} (owner-only, as
     * PostgreSQL requires).
     */
    public ServerFiles issueServer(Path dir, String... hosts) {
        KeyPair serverKeys = rsa();
        GeneralName[] names = new GeneralName[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            names[i] = new GeneralName(hosts[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
        }
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + hosts[0]),
                    serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate server = sign(b, keys);
            Path key = dir.resolve("server.key");
            Files.writeString(key, pem(serverKeys.getPrivate()));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            return new ServerFiles(write(dir.resolve("server.crt"), server), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM files of a server certificate and its key. */
    public record ServerFiles(Path certificate, Path key) {
    }

    private static JcaX509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path file, Object pemObject) {
        try {
            Files.writeString(file, pem(pemObject));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
