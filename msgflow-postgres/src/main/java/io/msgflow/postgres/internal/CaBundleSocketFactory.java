package io.msgflow.postgres.internal;

import io.msgflow.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.postgresql.ssl.WrappedFactory;

/**
 * pgJDBC's {@code sslfactory} for {@code PostgresTls} verify-full: trusts exactly the CA
 * certificates of a PEM bundle, named by {@code sslfactoryarg} as {@code classpath:resource} or a
 * file path, and read once per bundle. pgJDBC checks the host name itself ({@code verify-full}).
 * A certificate that does not chain to the bundle fails the handshake with a message naming the
 * bundle, the certificate's subject and issuer.
 */
public final class CaBundleSocketFactory extends WrappedFactory {
    public static final String CLASSPATH_PREFIX = "classpath:";
    private static final Map<String, SSLSocketFactory> FACTORIES = new ConcurrentHashMap<>();

    /** As pgJDBC builds it, with the connection's properties. */
    public CaBundleSocketFactory(Properties info) {
        String bundle = info.getProperty("sslfactoryarg");
        if (bundle == null || bundle.isBlank()) {
            throw new InvalidConfigurationException("sslfactoryarg", "`sslfactoryarg` of " + getClass().getSimpleName()
                    + " must name a PEM CA bundle (classpath:resource or a file path), but was missing");
        }
        factory = FACTORIES.computeIfAbsent(bundle, CaBundleSocketFactory::build);
    }

    private static SSLSocketFactory build(String bundle) {
        Collection<? extends Certificate> certificates = read(bundle);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            X509TrustManager delegate = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new NamingTrustManager(delegate, bundle, certificates.size())}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidConfigurationException("sslfactoryarg", "cannot build a TLS context trusting the CA bundle " + bundle + ": " + e);
        }
    }

    private static Collection<? extends Certificate> read(String bundle) {
        try (InputStream in = open(bundle)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidConfigurationException("sslfactoryarg", "the CA bundle " + bundle + " must hold PEM certificates, but holds none");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new InvalidConfigurationException("sslfactoryarg", "the CA bundle " + bundle
                    + " must be readable PEM certificates, but reading it failed: " + e.getMessage());
        }
    }

    private static InputStream open(String bundle) throws IOException {
        if (bundle.startsWith(CLASSPATH_PREFIX)) {
            InputStream in = CaBundleSocketFactory.class.getClassLoader().getResourceAsStream(bundle.substring(CLASSPATH_PREFIX.length()));
            if (in == null) {
                throw new IOException("no such resource on the class path");
            }
            return in;
        }
        return Files.newInputStream(Path.of(bundle));
    }

    /** The bundle's trust, with failures that say which bundle refused which certificate. */
    private static final class NamingTrustManager implements X509TrustManager {
        private final X509TrustManager delegate;
        private final String bundle;
        private final int size;

        NamingTrustManager(X509TrustManager delegate, String bundle, int size) {
            this.delegate = delegate;
            this.bundle = bundle;
            this.size = size;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                X509Certificate server = chain == null || chain.length == 0 ? null : chain[0];
                throw new CertificateException("the database server's certificate"
                        + (server == null ? "" : " (subject '" + server.getSubjectX500Principal() + "', issued by '"
                                + server.getIssuerX500Principal() + "')")
                        + " does not chain to a CA of the trusted bundle " + bundle + " (" + size + " certificates): " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
