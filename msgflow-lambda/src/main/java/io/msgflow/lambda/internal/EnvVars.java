package io.msgflow.lambda.internal;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Check;
import io.msgflow.internal.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads environment variables with errors that name the variable, the rule and the value. */
public final class EnvVars {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)");

    private final Map<String, String> variables;

    public EnvVars(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The value, if set and not blank, trimmed. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public static InvalidConfigurationException missing(String name, String purpose) {
        return new InvalidConfigurationException(name, "environment variable `" + name + "` must be set (" + purpose
                + "), but was missing");
    }

    public static InvalidConfigurationException invalid(String name, String rule, String value) {
        return new InvalidConfigurationException(name, "environment variable `" + name + "` " + rule + ", but was '" + value + "'");
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        String normalized = text.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        throw invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()), text.get());
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 2min} or ISO-8601 {@code PT10S}, within bounds. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        Duration value = parseDuration(name, text.get());
        try {
            return Check.between(name, value, min, max);
        } catch (InvalidConfigurationException e) {
            throw invalid(name, "must be between " + Durations.format(min) + " and " + Durations.format(max), text.get());
        }
    }

    private static Duration parseDuration(String name, String text) {
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofMinutes(amount);
            }
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a duration such as 10s, 500ms, 2min or PT10S", text);
        }
    }
}
