package io.msgflow.filter;

import io.msgflow.MessageAttribute;
import java.util.Map;

/**
 * An Amazon SNS subscription filter policy, parsed and validated against the SNS rules, evaluated
 * in-process exactly as SNS evaluates it. Immutable and thread-safe.
 *
 * <p>PLACEHOLDER: the engine is being written; see the FilterPolicy issue.
 */
public final class FilterPolicy {
    private final String json;
    private final FilterScope scope;

    private FilterPolicy(String json, FilterScope scope) {
        this.json = json;
        this.scope = scope;
    }

    /** Parses and validates a policy for the given scope. */
    public static FilterPolicy parse(String json, FilterScope scope) {
        return new FilterPolicy(json, scope);
    }

    /** Parses and validates a policy for the {@link FilterScope#MESSAGE_ATTRIBUTES} scope. */
    public static FilterPolicy parse(String json) {
        return parse(json, FilterScope.MESSAGE_ATTRIBUTES);
    }

    public static FilterPolicy matchingTypes(String attributeName, String... values) {
        return new FilterPolicy("{\"" + attributeName + "\":" + io.msgflow.internal.Json.write(values) + "}", FilterScope.MESSAGE_ATTRIBUTES);
    }

    public String json() {
        return json;
    }

    public FilterScope scope() {
        return scope;
    }

    /** Whether a message with these attributes and this body passes the policy (in its scope). */
    public boolean matches(Map<String, MessageAttribute> attributes, String body) {
        throw new UnsupportedOperationException("not yet");
    }
}
