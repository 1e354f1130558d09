package io.msgflow.internal.filter;

import io.msgflow.MessageAttribute;
import io.msgflow.filter.FilterScope;
import java.util.List;
import java.util.Map;

/** A parsed, validated policy, ready to evaluate many messages concurrently. Immutable. */
public final class CompiledPolicy {
    private final FilterScope scope;
    private final PolicyNode root;
    private final List<List<String>> paths;
    private final int combinations;
    private final String normalizedJson;

    CompiledPolicy(FilterScope scope, PolicyNode root, List<List<String>> paths, int combinations, String normalizedJson) {
        this.scope = scope;
        this.root = root;
        this.paths = paths;
        this.combinations = combinations;
        this.normalizedJson = normalizedJson;
    }

    /** The empty policy {@code {}}: SNS treats it as no filter policy at all. */
    static CompiledPolicy matchingEverything(String normalizedJson) {
        return new CompiledPolicy(null, null, List.of(), 0, normalizedJson);
    }

    public int combinations() {
        return combinations;
    }

    public String normalizedJson() {
        return normalizedJson;
    }

    /** The distinct (leaf) key paths the policy tests. */
    public List<List<String>> paths() {
        return paths;
    }

    public boolean matches(Map<String, MessageAttribute> attributes, String body) {
        if (root == null) {
            return true;
        }
        MessageView view = scope == FilterScope.MESSAGE_ATTRIBUTES
                ? new AttributeMessageView(attributes)
                : BodyMessageView.of(body);
        return view != null && root.matches(new Evaluation(view, paths));
    }
}
