package io.msgflow.internal.filter;

import static io.msgflow.filter.InvalidFilterPolicyException.EMPTY_ARRAY;
import static io.msgflow.filter.InvalidFilterPolicyException.EMPTY_OBJECT;
import static io.msgflow.filter.InvalidFilterPolicyException.NESTED_ATTRIBUTES;
import static io.msgflow.filter.InvalidFilterPolicyException.NOT_JSON;
import static io.msgflow.filter.InvalidFilterPolicyException.NOT_OBJECT;
import static io.msgflow.filter.InvalidFilterPolicyException.TOO_LARGE;
import static io.msgflow.filter.InvalidFilterPolicyException.VALUES_NOT_ARRAY;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.filter.FilterScope;
import io.msgflow.filter.InvalidFilterPolicyException;
import io.msgflow.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a policy into a {@link CompiledPolicy}: structure here, one value at a time
 * in {@link ConditionParser}, totals (keys, combinations, wildcard complexity) in {@link PolicyLimits}.
 */
public final class PolicyParser {
    /** The maximum size of a filter policy: 256 KB. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final String OR = "$or";

    private final FilterScope scope;
    private final PolicyLimits limits = new PolicyLimits();

    private PolicyParser(FilterScope scope) {
        this.scope = scope;
    }

    /**
     * Parses a policy for a scope.
     *
     * @throws InvalidFilterPolicyException naming the rule broken and the offending value
     */
    public static CompiledPolicy parse(String json, FilterScope scope) {
        return new PolicyParser(scope).compile(json);
    }

    private CompiledPolicy compile(String json) {
        checkSize(json);
        JsonNode tree = PolicyJson.readPolicy(json);
        if (!tree.isObject()) {
            throw new InvalidFilterPolicyException(NOT_OBJECT, "the policy is " + Json.write(tree));
        }
        String normalized = PolicyJson.normalized(tree);
        if (tree.isEmpty()) {
            return CompiledPolicy.matchingEverything(normalized);
        }
        Parsed root = object(tree, List.of());
        limits.check(root.combinations());
        return new CompiledPolicy(scope, root.node(), limits.paths(), (int) root.combinations(), normalized);
    }

    private static void checkSize(String json) {
        if (json == null) {
            throw new InvalidFilterPolicyException(NOT_JSON, "the policy is null");
        }
        if ((long) json.length() * 3 > MAX_BYTES) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BYTES) {
                throw new InvalidFilterPolicyException(TOO_LARGE, "the policy has " + bytes + " bytes, more than "
                        + MAX_BYTES);
            }
        }
    }

    /** A compiled part of the policy and its combination count. */
    private record Parsed(PolicyNode node, long combinations) {
    }

    private Parsed object(JsonNode object, List<String> parent) {
        if (object.isEmpty()) {
            throw new InvalidFilterPolicyException(EMPTY_OBJECT, "under \"" + display(parent) + "\"");
        }
        List<PolicyNode> children = new ArrayList<>();
        long combinations = 1;
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Parsed child = property(entry.getKey(), entry.getValue(), parent);
            children.add(child.node());
            combinations = PolicyLimits.times(combinations, child.combinations());
        }
        return new Parsed(children.size() == 1 ? children.get(0) : new PolicyNode.AllOf(children), combinations);
    }

    private Parsed property(String name, JsonNode value, List<String> parent) {
        if (isOr(name, value)) {
            return or(value, parent);
        }
        List<String> path = append(parent, name);
        if (value.isArray()) {
            return leaf(path, value);
        }
        if (value.isObject()) {
            if (scope == FilterScope.MESSAGE_ATTRIBUTES) {
                throw new InvalidFilterPolicyException(NESTED_ATTRIBUTES, "key \"" + display(path) + "\" holds an object; "
                        + "nested policies need the MessageBody scope");
            }
            return object(value, path);
        }
        throw new InvalidFilterPolicyException(VALUES_NOT_ARRAY, "key \"" + display(path) + "\" holds " + Json.write(value)
                + (scope == FilterScope.MESSAGE_BODY ? ", not an array or object" : ", not an array"));
    }

    /**
     * The guide's rule: {@code "$or"} is an OR only when it holds an array of at least two objects,
     * none of which names a reserved keyword; otherwise it is an ordinary key.
     */
    private static boolean isOr(String name, JsonNode value) {
        if (!OR.equals(name) || !value.isArray() || value.size() < 2) {
            return false;
        }
        for (JsonNode branch : value) {
            if (!branch.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : branch.properties()) {
                if (ConditionParser.OPERATORS.contains(field.getKey())) {
                    return false;
                }
            }
        }
        return true;
    }

    private Parsed or(JsonNode branches, List<String> parent) {
        List<PolicyNode> nodes = new ArrayList<>();
        long combinations = 0;
        for (JsonNode branch : branches) {
            Parsed parsed = object(branch, parent);
            nodes.add(parsed.node());
            combinations = PolicyLimits.plus(combinations, parsed.combinations());
        }
        return new Parsed(new PolicyNode.AnyOf(nodes), combinations);
    }

    private Parsed leaf(List<String> path, JsonNode values) {
        String key = display(path);
        if (values.isEmpty()) {
            throw new InvalidFilterPolicyException(EMPTY_ARRAY, "key \"" + key + "\" has no values");
        }
        List<FieldMatcher> matchers = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode element : values) {
            Condition condition = ConditionParser.parse(element, key);
            conditions.add(condition);
            matchers.add(condition.matcher());
        }
        limits.addWildcardField(key, conditions);
        int field = limits.field(path);
        return new Parsed(new PolicyNode.Leaf(field, matchers), (long) values.size() * path.size());
    }

    private static List<String> append(List<String> parent, String name) {
        List<String> path = new ArrayList<>(parent.size() + 1);
        path.addAll(parent);
        path.add(name);
        return List.copyOf(path);
    }

    static String display(List<String> path) {
        return path.isEmpty() ? "(top level)" : String.join(".", path);
    }
}
