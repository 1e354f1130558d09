package io.msgflow.postgres.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Secrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Takes the user and password out of a PostgreSQL JDBC URL (the {@code user} and {@code password}
 * parameters and the URI's user info, {@code jdbc:postgresql://app:pw@db/app}), so the URL can be
 * shown; a libpq URI ({@code postgresql://…} or {@code postgres://…}) is accepted as its JDBC form.
 */
public final class JdbcUrls {
    private static final String PREFIX = "jdbc:postgresql:";
    private static final Pattern LIBPQ_URI = Pattern.compile("(?i)postgres(?:ql)?://.*", Pattern.DOTALL);

    private JdbcUrls() {
    }

    /** A URL without credentials, and the credentials it carried (null when absent). */
    public record Parsed(String url, String user, String password) {
    }

    public static Parsed parse(String given) {
        String url = LIBPQ_URI.matcher(given).matches() ? PREFIX + "//" + given.substring(given.indexOf("//") + 2) : given;
        if (!url.startsWith(PREFIX)) {
            throw new InvalidConfigurationException("jdbcUrl",
                    "`jdbcUrl` must start with '" + PREFIX + "', but was '" + redact(url) + "'");
        }
        Parsed withoutUserInfo = withoutUserInfo(url);
        url = withoutUserInfo.url();
        int query = url.indexOf('?');
        if (query < 0) {
            return withoutUserInfo;
        }
        String user = withoutUserInfo.user();
        String password = withoutUserInfo.password();
        StringJoiner kept = new StringJoiner("&");
        for (String parameter : url.substring(query + 1).split("&")) {
            int eq = parameter.indexOf('=');
            String key = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            if (key.equalsIgnoreCase("user")) {
                user = decode(key, value);
            } else if (key.equalsIgnoreCase("password")) {
                password = decode(key, value);
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        String base = url.substring(0, query);
        return new Parsed(kept.length() == 0 ? base : base + "?" + kept, user, password);
    }

    /** {@code jdbc:postgresql://user:password@host…} as the URL without user info, and that user and password. */
    private static Parsed withoutUserInfo(String url) {
        if (!url.startsWith(PREFIX + "//")) {
            return new Parsed(url, null, null);
        }
        int start = PREFIX.length() + 2;
        int query = url.indexOf('?', start);
        int at = url.lastIndexOf('@', query < 0 ? url.length() : query);
        if (at < start) {
            return new Parsed(url, null, null);
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = decode("user", colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode("password", userInfo.substring(colon + 1));
        return new Parsed(PREFIX + "//" + url.substring(at + 1), user.isEmpty() ? null : user, password);
    }

    /** The URL with every secret masked ({@link Secrets#mask}). */
    public static String redact(String url) {
        return Secrets.mask(url);
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
