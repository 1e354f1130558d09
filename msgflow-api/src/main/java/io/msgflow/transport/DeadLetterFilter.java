package io.msgflow.transport;

import io.msgflow.internal.Check;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters to list or redrive: all, those of some types, those whose reason contains a
 * text, or both conditions at once. Immutable.
 */
public final class DeadLetterFilter {
    private static final DeadLetterFilter ALL = new DeadLetterFilter(Set.of(), null);

    private final Set<String> types;
    private final String reasonContaining;

    private DeadLetterFilter(Set<String> types, String reasonContaining) {
        this.types = types;
        this.reasonContaining = reasonContaining;
    }

    public static DeadLetterFilter all() {
        return ALL;
    }

    /** Only messages of one of these types (a message without a type matches none). */
    public DeadLetterFilter types(String... values) {
        if (values.length == 0) {
            throw new io.msgflow.InvalidConfigurationException("types", "`types` must name at least one type, but was empty");
        }
        for (String v : values) {
            Check.notNull("type", v);
        }
        return new DeadLetterFilter(Set.of(values), reasonContaining);
    }

    /** Only messages whose recorded reason contains {@code text} (case-sensitive; a message without a reason matches none). */
    public DeadLetterFilter reasonContaining(String text) {
        if (Check.notNull("reasonContaining", text).isEmpty()) {
            throw new io.msgflow.InvalidConfigurationException("reasonContaining", "`reasonContaining` must not be empty");
        }
        return new DeadLetterFilter(types, text);
    }

    /** Whether the filter selects every message. */
    public boolean isAll() {
        return types.isEmpty() && reasonContaining == null;
    }

    public Set<String> typeSet() {
        return types;
    }

    public Optional<String> reasonText() {
        return Optional.ofNullable(reasonContaining);
    }

    public boolean matches(DeadLetterMessage message) {
        return (types.isEmpty() || message.type().filter(types::contains).isPresent())
                && (reasonContaining == null || message.reason().filter(r -> r.contains(reasonContaining)).isPresent());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetterFilter f && types.equals(f.types) && Objects.equals(reasonContaining, f.reasonContaining);
    }

    @Override
    public int hashCode() {
        return Objects.hash(types, reasonContaining);
    }

    @Override
    public String toString() {
        return isAll() ? "all" : (types.isEmpty() ? "" : "types " + types) + (types.isEmpty() || reasonContaining == null ? "" : " and ")
                + (reasonContaining == null ? "" : "reason containing '" + reasonContaining + "'");
    }
}
