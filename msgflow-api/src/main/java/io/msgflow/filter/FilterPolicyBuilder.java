package io.msgflow.filter;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.internal.Json;
import io.msgflow.internal.filter.AttributeMessageView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link FilterPolicy} from typed conditions instead of JSON text; {@link #build()}
 * renders the JSON SNS takes and parses it with {@link FilterPolicy#parse}, so every SNS rule
 * (5 keys, 150 combinations, number range) is checked as for hand-written JSON.
 *
 * <pre>{@code
 * FilterPolicy bigEuOrders = FilterPolicyBuilder.attributes()
 *     .where("message_type", Match.exactly("order_placed"))
 *     .where("region", Match.prefix("eu-"))
 *     .where("amount", Match.atLeast(1000))
 *     .build();
 * }</pre>
 *
 * <p>Keys AND together; several matches given to one {@link #where} OR together; {@link #or}
 * ORs whole branches. In the attribute scope, double quotes and backslashes in string values
 * are escaped as SNS requires, so {@code Match.exactly("a\"b")} matches the attribute value
 * {@code a"b}. Not thread-safe; the policy it builds is immutable.
 */
public final class FilterPolicyBuilder {
    private final FilterScope scope;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final UnaryOperator<String> escape;

    private FilterPolicyBuilder(FilterScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.escape = scope == FilterScope.MESSAGE_ATTRIBUTES ? AttributeMessageView::escaped : UnaryOperator.identity();
    }

    /** A policy on message attributes (the type attribute included). */
    public static FilterPolicyBuilder attributes() {
        return new FilterPolicyBuilder(FilterScope.MESSAGE_ATTRIBUTES);
    }

    /** A policy on the JSON body's keys. */
    public static FilterPolicyBuilder body() {
        return new FilterPolicyBuilder(FilterScope.MESSAGE_BODY);
    }

    /** Requires {@code key} to match {@code first} or any of {@code more}. */
    public FilterPolicyBuilder where(String key, Match first, Match... more) {
        List<Object> values = new ArrayList<>();
        values.add(Objects.requireNonNull(first, "match").render(escape));
        for (Match m : more) {
            values.add(Objects.requireNonNull(m, "match").render(escape));
        }
        return put(key, values);
    }

    /** Body scope: requires the object under {@code key} to pass the conditions {@code inner} adds. */
    public FilterPolicyBuilder nested(String key, Consumer<FilterPolicyBuilder> inner) {
        if (scope != FilterScope.MESSAGE_ATTRIBUTES) {
            return put(key, branch(inner));
        }
        throw new InvalidConfigurationException("filterPolicy", "nested key '" + key
                + "': message attributes are flat; nested keys exist only in the body scope (FilterPolicyBuilder.body())");
    }

    /** Requires at least one of the branches to pass ({@code "$or"}); at most one per level. */
    @SafeVarargs
    public final FilterPolicyBuilder or(Consumer<FilterPolicyBuilder> first, Consumer<FilterPolicyBuilder> second,
                                        Consumer<FilterPolicyBuilder>... more) {
        List<Object> branches = new ArrayList<>();
        branches.add(branch(first));
        branches.add(branch(second));
        for (Consumer<FilterPolicyBuilder> b : more) {
            branches.add(branch(b));
        }
        return put("$or", branches);
    }

    private Map<String, Object> branch(Consumer<FilterPolicyBuilder> conditions) {
        FilterPolicyBuilder b = new FilterPolicyBuilder(scope);
        conditions.accept(b);
        if (b.keys.isEmpty()) {
            throw new InvalidConfigurationException("filterPolicy", "a nested or $or branch must add at least one condition");
        }
        return b.keys;
    }

    private FilterPolicyBuilder put(String key, Object value) {
        Match.unicode("key", Objects.requireNonNull(key, "key"));
        if (keys.putIfAbsent(key, value) != null) {
            throw new InvalidConfigurationException("filterPolicy", "key '" + key + "' is given twice; give all of its matches to one call (they OR together)"
                    + ("$or".equals(key) ? ", or nest $or in a branch" : ""));
        }
        return this;
    }

    /** The policy as SNS takes it. */
    public String toJson() {
        return Json.write(keys);
    }

    /**
     * @throws InvalidFilterPolicyException when the conditions break an SNS rule
     */
    public FilterPolicy build() {
        return FilterPolicy.parse(toJson(), scope);
    }
}
