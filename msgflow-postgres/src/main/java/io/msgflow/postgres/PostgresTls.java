package io.msgflow.postgres;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.postgres.internal.CaBundleSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a pool's connections use TLS. Three choices:
 *
 * <ul>
 * <li>{@link #rdsVerifyFull()}: TLS required, the server's certificate must chain to the Amazon
 *     RDS global CA bundle shipped in this jar and name the host connected to
 *     ({@code sslmode=verify-full}); what msgflow's Lambda functions use in AWS mode.
 * <li>{@link #verifyFull(Path)}: the same against a PEM bundle of your own (a self-managed
 *     server, a proxy with its own CA, a bundle newer than the jar's).
 * <li>{@link #disabled()}: no TLS ({@code sslmode=disable}), for a database on the same host
 *     or in a local run.
 * </ul>
 *
 * <p>{@link #asUrlSays()} (the default of {@link DataSources#pooled(PostgresCredentials, PoolOptions)})
 * leaves TLS to the JDBC URL's own {@code ssl*} parameters; without them pgJDBC's default
 * {@code prefer} neither requires TLS nor verifies the server. A verification failure fails the
 * connection with a message naming the bundle, the server's certificate subject and issuer.
 * Immutable.
 */
public final class PostgresTls {
    /** Where {@link #rdsVerifyFull()}'s bundle is in this jar; its README says where it came from. */
    public static final String RDS_BUNDLE_RESOURCE = "io/msgflow/postgres/rds-global-bundle.pem";

    /** The TLS behaviours a {@link PostgresTls} stands for. */
    public enum Mode {
        /** TLS as the JDBC URL says (pgJDBC's {@code prefer} when it says nothing). */
        AS_URL_SAYS,
        /** TLS required; the certificate chains to the bundle and names the host ({@code verify-full}). */
        VERIFY_FULL,
        /** No TLS ({@code disable}). */
        DISABLED
    }

    private static final PostgresTls AS_URL_SAYS = new PostgresTls(Mode.AS_URL_SAYS, null);
    private static final PostgresTls DISABLED = new PostgresTls(Mode.DISABLED, null);
    private static final PostgresTls RDS = new PostgresTls(Mode.VERIFY_FULL, CaBundleSocketFactory.CLASSPATH_PREFIX + RDS_BUNDLE_RESOURCE);

    private final Mode mode;
    private final String caBundle;

    private PostgresTls(Mode mode, String caBundle) {
        this.mode = mode;
        this.caBundle = caBundle;
    }

    public static PostgresTls asUrlSays() {
        return AS_URL_SAYS;
    }

    public static PostgresTls disabled() {
        return DISABLED;
    }

    /** verify-full against the Amazon RDS global CA bundle shipped in this jar. */
    public static PostgresTls rdsVerifyFull() {
        return RDS;
    }

    /**
     * verify-full against the PEM certificates in {@code caBundle}, read when a connection is
     * opened.
     *
     * @throws InvalidConfigurationException when the file is not a readable regular file
     */
    public static PostgresTls verifyFull(Path caBundle) {
        Check.notNull("caBundle", caBundle);
        if (!Files.isRegularFile(caBundle) || !Files.isReadable(caBundle)) {
            throw new InvalidConfigurationException("caBundle", "`caBundle` must be a readable PEM file of CA certificates, but was '"
                    + caBundle + "', which " + (Files.exists(caBundle) ? "is not a readable file" : "does not exist"));
        }
        return new PostgresTls(Mode.VERIFY_FULL, caBundle.toAbsolutePath().toString());
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The pgJDBC connection properties for this choice: empty for {@link Mode#AS_URL_SAYS};
     * {@code sslmode} and, for verify-full, msgflow's socket factory with the bundle as its argument.
     */
    Map<String, String> connectionProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (mode == Mode.DISABLED) {
            properties.put("sslmode", "disable");
        } else if (mode == Mode.VERIFY_FULL) {
            properties.put("sslmode", "verify-full");
            properties.put("sslfactory", CaBundleSocketFactory.class.getName());
            properties.put("sslfactoryarg", caBundle);
        }
        return properties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostgresTls && mode == ((PostgresTls) o).mode && java.util.Objects.equals(caBundle, ((PostgresTls) o).caBundle);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mode, caBundle);
    }

    @Override
    public String toString() {
        switch (mode) {
            case VERIFY_FULL:
                return "verify-full against " + (this == RDS ? "the Amazon RDS CA bundle of msgflow-postgres" : caBundle);
            case DISABLED:
                return "disabled";
            default:
                return "as the JDBC URL says";
        }
    }
}
