package io.msgflow.postgres;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Json;
import io.msgflow.internal.Secrets;
import io.msgflow.postgres.internal.JdbcUrls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and how to log in: a JDBC URL, a user name and a password.
 *
 * <p>Three sources, as in the workflow msgflow grew from: a JDBC URL (user and password may be URL
 * parameters), the environment variables {@code DB_HOST}, {@code DB_PORT} (default 5432),
 * {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME} for local runs, or a JSON secret such as
 * Secrets Manager keeps: {@code {"host", "port", "username", "password", "database"}}.
 *
 * <p>The password never appears in {@link #toString()}, {@link #jdbcUrl()} (a password URL
 * parameter is moved out of it) or any exception message msgflow throws. Immutable.
 */
public final class PostgresCredentials {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\]");
    private static final String HOST_RULE = "must be a host name, an IPv4 address or an [IPv6] address";
    private static final int DEFAULT_PORT = 5432;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private PostgresCredentials(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * Credentials from a JDBC URL such as {@code jdbc:postgresql://db:5432/app?user=app&password=…};
     * {@code user} and {@code password} parameters are taken out of the URL.
     */
    public static PostgresCredentials fromJdbcUrl(String jdbcUrl) {
        JdbcUrls.Parsed parsed = JdbcUrls.parse(Check.notNull("jdbcUrl", jdbcUrl));
        return new PostgresCredentials(parsed.url(), parsed.user(), parsed.password());
    }

    /** Credentials from a JDBC URL and a separate user name and password (either may be null). */
    public static PostgresCredentials of(String jdbcUrl, String username, String password) {
        PostgresCredentials fromUrl = fromJdbcUrl(jdbcUrl);
        return new PostgresCredentials(fromUrl.jdbcUrl, username != null ? username : fromUrl.username,
                password != null ? password : fromUrl.password);
    }

    /** Credentials from a host, port, database, user name and password. */
    public static PostgresCredentials of(String host, int port, String database, String username, String password) {
        Check.matches("host", host, HOST, HOST_RULE);
        Check.between("port", port, 1, 65_535);
        if (database == null || database.isEmpty()) {
            throw new InvalidConfigurationException("database", "`database` must be a non-empty database name, but was "
                    + (database == null ? "null" : "''"));
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new PostgresCredentials(url, username, password);
    }

    /** Credentials from the process environment: {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME}. */
    public static PostgresCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Credentials from the given environment variables (see {@link #fromEnvironment()}). */
    public static PostgresCredentials fromEnvironment(Map<String, String> environment) {
        String port = environment.get("DB_PORT");
        return of(required(environment, "DB_HOST"), port == null || port.isBlank() ? DEFAULT_PORT : port("DB_PORT", port),
                required(environment, "DB_NAME"), required(environment, "DB_USER"), environment.get("DB_PASSWORD"));
    }

    /**
     * Credentials from a JSON secret: {@code host}, {@code port} (number or text, default 5432),
     * {@code username}, {@code password} and {@code database} ({@code dbname}, as RDS-managed
     * secrets spell it, is accepted too).
     */
    public static PostgresCredentials fromSecret(String secretJson) {
        JsonNode secret = parseSecret(Check.notNull("secret", secretJson));
        String database = text(secret, "database").or(() -> text(secret, "dbname"))
                .orElseThrow(() -> missing("database", "secret"));
        JsonNode port = secret.get("port");
        int portNumber = port == null || port.isNull() ? DEFAULT_PORT : port("port", port.asText());
        return of(text(secret, "host").orElseThrow(() -> missing("host", "secret")), portNumber, database,
                text(secret, "username").orElseThrow(() -> missing("username", "secret")),
                text(secret, "password").orElseThrow(() -> missing("password", "secret")));
    }

    /**
     * The JDBC URL to show: without user or password, and with any other secret parameter (such
     * as {@code sslpassword}) masked.
     */
    public String jdbcUrl() {
        return Secrets.mask(jdbcUrl);
    }

    /** The JDBC URL to connect with, secret parameters included: only for the data source; never log it. */
    String connectionUrl() {
        return jdbcUrl;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Only for the data source; never log it. */
    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "PostgresCredentials{jdbcUrl=" + jdbcUrl() + ", username=" + Secrets.mask(username) + ", password="
                + (password == null ? "none" : Secrets.MASK) + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PostgresCredentials)) {
            return false;
        }
        PostgresCredentials c = (PostgresCredentials) o;
        return jdbcUrl.equals(c.jdbcUrl) && Objects.equals(username, c.username) && Objects.equals(password, c.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, username, password);
    }

    private static JsonNode parseSecret(String json) {
        JsonNode secret;
        try {
            secret = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, and the input holds the password: keep only the position.
            JsonLocation at = e.getLocation();
            throw new InvalidConfigurationException("secret", "`secret` must be a JSON object with host, port, username, password"
                    + " and database, but was not valid JSON (error at line " + (at == null ? "?" : at.getLineNr())
                    + ", column " + (at == null ? "?" : at.getColumnNr()) + ")");
        }
        if (secret == null || !secret.isObject()) {
            throw new InvalidConfigurationException("secret", "`secret` must be a JSON object with host, port, username, password"
                    + " and database, but was a JSON " + (secret == null ? "nothing" : secret.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return secret;
    }

    private static Optional<String> text(JsonNode secret, String field) {
        JsonNode value = secret.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw missing(name, "environment variable");
        }
        return value;
    }

    private static InvalidConfigurationException missing(String name, String where) {
        return new InvalidConfigurationException(name, where + " `" + name + "` must be set, but was missing");
    }

    private static int port(String setting, String text) {
        try {
            return Check.between(setting, Integer.parseInt(text.trim()), 1, 65_535);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(setting, "`" + setting + "` must be a port number between 1 and 65535, but was '" + text + "'");
        }
    }
}
