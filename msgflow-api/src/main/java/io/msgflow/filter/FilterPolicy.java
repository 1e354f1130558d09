package io.msgflow.filter;

import io.msgflow.MessageAttribute;
import io.msgflow.internal.Json;
import io.msgflow.internal.filter.CompiledPolicy;
import io.msgflow.internal.filter.PolicyParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Amazon SNS subscription filter policy, parsed and validated against the SNS rules, evaluated
 * in-process as the Amazon SNS developer guide describes SNS evaluating it.
 *
 * <h2>Syntax</h2>
 * A policy is a JSON object. Its keys AND together; the values in one key's array OR together; a
 * {@code "$or"} key holding an array of at least two objects (none naming an operator) ORs those
 * objects, at any level. Values are strings, numbers, {@code true}, {@code false}, {@code null}, or
 * objects with one operator:
 * <ul>
 *   <li>{@code {"prefix": "bas"}}, {@code {"suffix": "ball"}}, {@code {"equals-ignore-case": "tennis"}},
 *       {@code {"wildcard": "*ball"}} (at most 3 {@code *}; every {@code *} is a wildcard);</li>
 *   <li>{@code {"anything-but": v}} with v a string, a number, a list of strings or of numbers, or
 *       {@code {"prefix": ..}}, {@code {"suffix": ..}}, {@code {"wildcard": ..}};</li>
 *   <li>{@code {"numeric": ["=", 5]}}, one comparison ({@code < <= > >=}) or a range
 *       {@code [">", 0, "<=", 150]}, lower bound first;</li>
 *   <li>{@code {"exists": true|false}}; {@code {"cidr": "10.0.0.0/24"}} (IPv4 or IPv6).</li>
 * </ul>
 * The empty policy {@code {}} is accepted and matches every message, as SNS treats it as no policy.
 *
 * <h2>Scopes</h2>
 * {@link FilterScope#MESSAGE_ATTRIBUTES}: keys are attribute names and the policy is flat. A String
 * attribute is a string, a Number attribute a number, a String.Array attribute matches when any
 * element does (its elements keep their JSON types), Binary attributes are ignored as if absent.
 * As the guide requires, double quotes and backslashes in String attribute values must be
 * double-escaped in the policy ({@code "a\\\"b"} in the policy JSON matches the value {@code a"b}).
 * {@link FilterScope#MESSAGE_BODY}: the body must be a JSON object (otherwise nothing matches); a
 * nested policy follows nested keys, arrays in the body match when any element does, and arrays
 * of objects are looked through. {@code null} matches a JSON null, {@code ""} the empty string.
 *
 * <h2>Matching rules</h2>
 * Matching is typed: a string never equals a number, and numeric conditions match numbers only
 * (never a String attribute holding digits). Numbers are compared within -10^9..10^9 at five
 * decimal digits (rounded half-up), so {@code 3.015e2} equals {@code 301.5}; a message number
 * outside that range matches no numeric value. String matching is case-sensitive except
 * {@code equals-ignore-case}. {@code anything-but} needs the key present and some value not
 * excluded. {@code "exists": true} needs a non-null, non-empty value; {@code "exists": false} needs
 * the key absent from a message that has at least one property.
 *
 * <h2>Limits</h2>
 * Rejected with {@link InvalidFilterPolicyException} naming the rule ({@link
 * InvalidFilterPolicyException#rule()}): more than 5 distinct keys (leaf keys when nested, keys
 * inside {@code $or} included), more than 150 combinations (see {@link #combinations()}), JSON over
 * 256 KB, numbers outside -10^9..10^9, wildcard complexity over 100, and every malformed value.
 *
 * <p>Immutable and thread-safe: parse once, then call {@link #matches} from any number of threads.
 * Equality is on the {@linkplain #normalizedJson() normalized policy} and the scope.
 */
public final class FilterPolicy {
    private final String json;
    private final FilterScope scope;
    private final CompiledPolicy compiled;

    private FilterPolicy(String json, FilterScope scope, CompiledPolicy compiled) {
        this.json = json;
        this.scope = scope;
        this.compiled = compiled;
    }

    /**
     * Parses and validates a policy for the given scope.
     *
     * @throws InvalidFilterPolicyException when the policy breaks an SNS rule
     */
    public static FilterPolicy parse(String json, FilterScope scope) {
        Objects.requireNonNull(scope, "scope");
        return new FilterPolicy(json, scope, PolicyParser.parse(json, scope));
    }

    /** Parses and validates a policy for the {@link FilterScope#MESSAGE_ATTRIBUTES} scope. */
    public static FilterPolicy parse(String json) {
        return parse(json, FilterScope.MESSAGE_ATTRIBUTES);
    }

    /** The attribute-scope policy {@code {"attributeName": ["v1", "v2", ...]}}: exact string matching. */
    public static FilterPolicy matchingTypes(String attributeName, String... values) {
        Objects.requireNonNull(attributeName, "attributeName");
        Map<String, List<String>> policy = new LinkedHashMap<>();
        policy.put(attributeName, List.of(values));
        return parse(Json.write(policy), FilterScope.MESSAGE_ATTRIBUTES);
    }

    /** The policy JSON exactly as given to {@link #parse}, fit to send to SNS. */
    public String json() {
        return json;
    }

    /**
     * The policy in a canonical form: compact, object keys sorted, numbers as SNS compares them
     * ({@code 3.015e2} becomes {@code 301.5}). Two policies with the same normalized form and scope
     * are equal.
     */
    public String normalizedJson() {
        return compiled.normalizedJson();
    }

    public FilterScope scope() {
        return scope;
    }

    /**
     * The total combination of values, as SNS computes it for its limit of 150: the number of
     * values of each key times its nesting level (1 at the top), multiplied across keys, summed
     * across {@code $or} branches. 0 for the empty policy.
     */
    public int combinations() {
        return compiled.combinations();
    }

    /**
     * Whether a message passes the policy in its scope: the attributes in
     * {@link FilterScope#MESSAGE_ATTRIBUTES} scope (the body is ignored), the body in
     * {@link FilterScope#MESSAGE_BODY} scope (the attributes are ignored). Either may be null.
     */
    public boolean matches(Map<String, MessageAttribute> attributes, String body) {
        return compiled.matches(attributes, body);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FilterPolicy)) {
            return false;
        }
        FilterPolicy other = (FilterPolicy) o;
        return scope == other.scope && normalizedJson().equals(other.normalizedJson());
    }

    @Override
    public int hashCode() {
        return 31 * scope.hashCode() + normalizedJson().hashCode();
    }

    @Override
    public String toString() {
        return "FilterPolicy[" + scope.wireName() + " " + normalizedJson() + "]";
    }
}
