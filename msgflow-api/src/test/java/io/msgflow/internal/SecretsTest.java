package io.msgflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one masking function: examples of every syntax a user may paste, then a seeded property test
 * (random passwords of each syntax's alphabet, random key casing, text around it): the password
 * never survives, the host always does.
 */
class SecretsTest {
    private static final long SEED = Long.getLong("msgflow.fuzz.seed", 11L);
    private static final String URI_ALPHABET = "abcXYZ0189!$%*()_+-=~.,@:/?#[]{}|^";
    private static final String QUERY_ALPHABET = "abcXYZ0189!$%*()_+-=~.,@:/?#[]{}|^;";
    private static final String LIBPQ_ALPHABET = "abcXYZ0189!$%*()_+-=~.,@:/?#&;";
    private static final String QUOTED_ALPHABET = "abcXYZ0189!$%*()_+-=~.,@:/?#&; \"";
    private static final String SEMICOLON_ALPHABET = "abcXYZ0189!$%*()_+-=~.,@:/?#&";

    /** A syntax: how a password of its alphabet is written into a text, and whether the host must remain readable. */
    private record Syntax(String alphabet, Function<String, String> write) {
    }

    private static final List<Syntax> SYNTAXES = List.of(
            new Syntax(URI_ALPHABET, pw -> "postgresql://app:" + pw + "@db.internal:5432/app"),
            new Syntax(URI_ALPHABET, pw -> "postgres://app:" + pw + "@db.internal/app?sslmode=verify-full"),
            new Syntax(URI_ALPHABET, pw -> "jdbc:postgresql://app:" + pw + "@db.internal:5432/app?ssl=true"),
            new Syntax(URI_ALPHABET, pw -> "app:" + pw + "@db.internal/app"),
            new Syntax(QUERY_ALPHABET, pw -> "jdbc:postgresql://db.internal:5432/app?user=app&" + key("password") + "=" + pw + "&sslmode=require"),
            new Syntax(QUERY_ALPHABET, pw -> "jdbc:postgresql://db.internal/app?" + key("sslpassword") + "=" + pw),
            new Syntax(LIBPQ_ALPHABET, pw -> "host=db.internal port=5432 user=app " + key("password") + "=" + pw + " dbname=app"),
            new Syntax(LIBPQ_ALPHABET, pw -> "host=db.internal " + key("sslpassword") + "=" + pw),
            new Syntax(QUOTED_ALPHABET, pw -> "host=db.internal " + key("password") + "='" + pw.replace("'", "\\'") + "' dbname=app"),
            new Syntax(SEMICOLON_ALPHABET, pw -> "jdbc:sqlserver://db.internal:1433;databaseName=app;user=app;" + key("password") + "=" + pw
                    + ";encrypt=true"),
            new Syntax(SEMICOLON_ALPHABET, pw -> "Server=db.internal;Uid=app;" + key("Pwd") + "=" + pw + ";"),
            new Syntax(QUOTED_ALPHABET, pw -> "{\"host\":\"db.internal\",\"" + key("password") + "\":\"" + pw.replace("\"", "\\\"") + "\"}"),
            new Syntax(LIBPQ_ALPHABET, pw -> "DB_HOST=db.internal DB_PASSWORD=" + pw),
            new Syntax(URI_ALPHABET, pw -> "cannot connect to 'postgresql://app:" + pw + "@db.internal/app': connection refused"));

    private static final Random KEYS = new Random(SEED);

    private static String key(String name) {
        return switch (KEYS.nextInt(3)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
            default -> name;
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://app:pw1234@db/app | postgresql://app:****@db/app",
        "jdbc:postgresql://app:pw1234@db/app | jdbc:postgresql://app:****@db/app",
        "jdbc:postgresql://db/app?user=u&PASSWORD=pw1234&ssl=true | jdbc:postgresql://db/app?user=u&PASSWORD=****&ssl=true",
        "jdbc:postgresql://db/app?sslpassword=pw1234 | jdbc:postgresql://db/app?sslpassword=****",
        "jdbc:sqlserver://db;user=u;password=pw1234;encrypt=true | jdbc:sqlserver://db;user=u;password=****;encrypt=true",
        "host=db user=u password=pw1234 dbname=app | host=db user=u password=**** dbname=app",
        "host=db password='pw 12 34' dbname=app | host=db password='****' dbname=app",
        "postgresql://app@db/app | postgresql://app@db/app",
        "jdbc:postgresql://db:5432/app | jdbc:postgresql://db:5432/app"})
    void masksEachSyntaxAndKeepsTheRest(String text, String masked) {
        assertThat(Secrets.mask(text)).isEqualTo(masked);
    }

    @Test
    void aPasswordOfAnySyntaxNeverSurvivesAndTheHostAlwaysDoes() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            Syntax syntax = SYNTAXES.get(random.nextInt(SYNTAXES.size()));
            String password = password(random, syntax.alphabet());
            String text = prefix(random) + syntax.write().apply(password) + suffix(random);

            String masked = Secrets.mask(text);

            assertThat(masked).as("seed %d, case %d: %s", SEED, i, text).doesNotContain(password).contains(Secrets.MASK);
            assertThat(masked).as("seed %d, case %d: %s", SEED, i, text).contains("db.internal");
        }
    }

    @Test
    void maskingIsIdempotentAndLeavesPlainTextAlone() {
        String once = Secrets.mask("postgresql://app:pw1234@db/app");
        assertThat(Secrets.mask(once)).isEqualTo(once);
        assertThat(Secrets.mask("queue 'orders' at 10:30, 5 messages; user@example.com")).isEqualTo(
                "queue 'orders' at 10:30, 5 messages; user@example.com");
        assertThat(Secrets.mask(null)).isNull();
    }

    private static String password(Random random, String alphabet) {
        int length = 8 + random.nextInt(24);
        StringBuilder password = new StringBuilder(length);
        password.append("Zq");
        for (int i = 2; i < length; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static String prefix(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "jdbcUrl=";
            case 2 -> "PostgresCredentials{url=";
            default -> "failed: ";
        };
    }

    private static String suffix(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> ", username=app}";
            default -> " (SQLState 08001)";
        };
    }
}
