package io.msgflow.postgres.internal;

import io.msgflow.InvalidConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Takes the user and password parameters out of a PostgreSQL JDBC URL, so the URL can be shown. */
public final class JdbcUrls {
    private static final String PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&]password=)[^&]*");

    private JdbcUrls() {
    }

    /** A URL without credentials, and the credentials it carried (null when absent). */
    public record Parsed(String url, String user, String password) {
    }

    public static Parsed parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new InvalidConfigurationException("jdbcUrl",
                    "`jdbcUrl` must start with '" + PREFIX + "', but was '" + redact(url) + "'");
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return new Parsed(url, null, null);
        }
        String user = null;
        String password = null;
        StringJoiner kept = new StringJoiner("&");
        for (String parameter : url.substring(query + 1).split("&")) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            if (key.equals("user")) {
                user = decode(key, value);
            } else if (key.equals("password")) {
                password = decode(key, value);
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        String base = url.substring(0, query);
        return new Parsed(kept.length() == 0 ? base : base + "?" + kept, user, password);
    }

    /** The URL with the value of any password parameter replaced by {@code ****}. */
    public static String redact(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
    }

    private static String decode(String key, String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the value, which may be the password.
            throw new InvalidConfigurationException("jdbcUrl",
                    "`jdbcUrl` parameter '" + key + "' must be URL-encoded, but has a malformed %-escape");
        }
    }
}
