package io.msgflow.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Amazon RDS bundle in the jar is the one its README describes, certificate by certificate. */
class RdsCaBundleTest {

    @Test
    void theBundleHoldsExactlyTheCertificatesItsReadmeLists() throws Exception {
        Collection<? extends Certificate> certificates;
        try (InputStream in = resource(PostgresTls.RDS_BUNDLE_RESOURCE)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        Set<String> fingerprints = new TreeSet<>();
        for (Certificate c : certificates) {
            X509Certificate x509 = (X509Certificate) c;
            fingerprints.add(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
            assertThat(x509.getSubjectX500Principal()).as("a root: self-issued").isEqualTo(x509.getIssuerX500Principal());
            assertThat(x509.getSubjectX500Principal().getName()).contains("OU=Amazon RDS", "Amazon Web Services");
            assertThat(x509.getNotAfter().toInstant()).isAfter(Instant.parse("2060-01-01T00:00:00Z"));
            x509.verify(x509.getPublicKey());
        }

        assertThat(certificates).hasSize(102);
        assertThat(fingerprints).isEqualTo(readmeFingerprints());
    }

    private static Set<String> readmeFingerprints() throws IOException {
        String readme;
        try (InputStream in = resource("io/msgflow/postgres/README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| Amazon RDS [^|]+\\| [0-9-]+ \\| `([0-9A-F]{64})` \\|$").matcher(readme);
        while (m.find()) {
            listed.add(m.group(1));
        }
        return listed;
    }

    private static InputStream resource(String name) {
        InputStream in = RdsCaBundleTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the class path").isNotNull();
        return in;
    }
}
