package io.msgflow.internal;

import io.msgflow.InvalidConfigurationException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Validation of configuration values with messages that name the setting, the rule and the value. */
public final class Check {
    private Check() {
    }

    public static Duration between(String setting, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigurationException(setting, "`" + setting + "` must be between " + Durations.format(min)
                    + " and " + Durations.format(max) + ", but was " + (value == null ? "null" : Durations.format(value)));
        }
        return value;
    }

    public static int between(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException(setting,
                    "`" + setting + "` must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    public static String matches(String setting, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidConfigurationException(setting,
                    "`" + setting + "` " + rule + ", but was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    public static <T> T notNull(String setting, T value) {
        if (value == null) {
            throw new InvalidConfigurationException(setting, "`" + setting + "` must be set, but was null");
        }
        return value;
    }
}
