package io.msgflow.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking function for every text msgflow may print that can hold a URL or credentials:
 * connection strings, configuration, exception messages, {@code toString()}. It replaces each
 * secret it recognises with {@code ****} and keeps the rest (host, database, user) readable.
 *
 * <p>Recognised, in any case and wherever they appear in the text:
 * <ul>
 *   <li>the password of a URI's user info: {@code postgresql://app:pw@db/app},
 *       {@code jdbc:postgresql://app:pw@db/app}, also without a scheme ({@code app:pw@db/app}),
 *       up to the last {@code @} of the URI, so a raw {@code @} or {@code /} in the password is
 *       masked too;</li>
 *   <li>a secret parameter ({@code password}, {@code sslpassword}, {@code passwd}, {@code pwd},
 *       {@code secret}, {@code token} and {@code *key}/{@code *secret} names) written
 *       {@code ?password=…&}, {@code ;password=…;}, libpq's {@code password=… } or
 *       {@code password='quoted … value'}, or a JSON member {@code "password": "…"}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Secrets {
    public static final String MASK = "****";

    private static final String SECRET_KEY = "[a-z_]*(?:password|passwd|pwd|secret|token)|pass|[a-z_]*(?:secret|access|api|private)[-_]?key";
    /** {@code scheme://user:password@} or {@code user:password@} at the start of a token; the password runs to the token's last '@'. */
    private static final Pattern USER_INFO = Pattern.compile(
            "((?:[A-Za-z][A-Za-z0-9+.\\-]*:)*//[^\\s:/@'\"]*:|(?<![^\\s'\"=(,<\\[])[^\\s:/@'\"=]+:(?![A-Za-z][A-Za-z0-9+.\\-]*://|//))([^\\s'\"]*)@(?=[^\\s'\"@]*(?:[\\s'\"]|$))");
    private static final Pattern QUOTED_PARAMETER = Pattern.compile(
            "(?i)((?<![A-Za-z0-9_])(?:" + SECRET_KEY + ")\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern QUERY_PARAMETER = Pattern.compile("(?i)([?&](?:" + SECRET_KEY + ")=)[^&\\s]*");
    private static final Pattern SEMICOLON_PARAMETER = Pattern.compile("(?i)(;\\s*(?:" + SECRET_KEY + ")\\s*=\\s*)(?:\\{[^}]*}|[^;]*)");
    private static final Pattern PLAIN_PARAMETER = Pattern.compile(
            "(?i)((?<![A-Za-z0-9_?&;])(?:" + SECRET_KEY + ")\\s*=\\s*)(?!'|\"|\\*\\*\\*\\*)\\S*");
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(?i)(\"(?:" + SECRET_KEY + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Secrets() {
    }

    /** The text with every recognised secret replaced by {@code ****}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(USER_INFO, text, "$1" + MASK + "@");
        masked = replace(JSON_MEMBER, masked, "$1\"" + MASK + "\"");
        masked = replace(QUOTED_PARAMETER, masked, "$1'" + MASK + "'");
        masked = replace(QUERY_PARAMETER, masked, "$1" + MASK);
        masked = replace(SEMICOLON_PARAMETER, masked, "$1" + MASK);
        return replace(PLAIN_PARAMETER, masked, "$1" + MASK);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
}
