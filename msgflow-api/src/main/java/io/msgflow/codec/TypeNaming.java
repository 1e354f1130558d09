package io.msgflow.codec;

import java.util.Locale;

/** How a Java type's name becomes a message type name when none is given. */
@FunctionalInterface
public interface TypeNaming {
    /** {@code CriticalAlert} → {@code critical_alert}; the default. */
    TypeNaming SNAKE_CASE = type -> {
        String simple = type.getSimpleName();
        StringBuilder out = new StringBuilder(simple.length() + 4);
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(simple.charAt(i - 1))
                        || (i + 1 < simple.length() && Character.isLowerCase(simple.charAt(i + 1))));
            if (boundary) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    };

    /** The simple class name as it is: {@code CriticalAlert}. */
    TypeNaming SIMPLE_NAME = Class::getSimpleName;

    /** The lower-case simple class name: {@code criticalalert}. */
    TypeNaming LOWER_CASE = type -> type.getSimpleName().toLowerCase(Locale.ROOT);

    String typeName(Class<?> type);
}
