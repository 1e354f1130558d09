package io.msgflow.internal.filter;

import static io.msgflow.filter.InvalidFilterPolicyException.TOO_COMPLEX;
import static io.msgflow.filter.InvalidFilterPolicyException.TOO_MANY_KEYS;
import static io.msgflow.filter.InvalidFilterPolicyException.WILDCARD_COMPLEXITY;

import io.msgflow.filter.InvalidFilterPolicyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The totals SNS limits, gathered while parsing: the distinct (leaf) keys, at most 5; the total
 * combination of values, at most 150; the wildcard complexity, at most 100 points.
 *
 * <p>Combinations as the guide computes them: a leaf key counts its number of values times its
 * nesting level (1 at the top), the keys of one object multiply, the branches of a {@code $or}
 * add up. Wildcard complexity: a key with a wildcard pattern counts (sum of its pattern points)
 * times (number of patterns); the keys add up.
 */
final class PolicyLimits {
    static final int MAX_KEYS = 5;
    static final int MAX_COMBINATIONS = 150;
    static final int MAX_WILDCARD_COMPLEXITY = 100;

    private final Map<List<String>, Integer> fields = new LinkedHashMap<>();
    private long wildcardComplexity;
    private final List<String> wildcardKeys = new ArrayList<>();

    int field(List<String> path) {
        Integer index = fields.get(path);
        if (index == null) {
            index = fields.size();
            fields.put(path, index);
        }
        return index;
    }

    List<List<String>> paths() {
        return List.copyOf(fields.keySet());
    }

    void addWildcardField(String key, List<Condition> conditions) {
        long points = 0;
        boolean wildcard = false;
        for (Condition condition : conditions) {
            points += condition.wildcardPoints();
            wildcard |= condition.hasWildcard();
        }
        if (wildcard) {
            wildcardComplexity += points * conditions.size();
            wildcardKeys.add(key + "=" + points * conditions.size());
        }
    }

    void check(long combinations) {
        if (fields.size() > MAX_KEYS) {
            List<String> keys = new ArrayList<>();
            fields.keySet().forEach(path -> keys.add(PolicyParser.display(path)));
            throw new InvalidFilterPolicyException(TOO_MANY_KEYS, "policy has " + keys.size() + " keys " + keys);
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new InvalidFilterPolicyException(TOO_COMPLEX, "policy has "
                    + (combinations == Long.MAX_VALUE ? "too many" : Long.toString(combinations)) + " combinations");
        }
        if (wildcardComplexity > MAX_WILDCARD_COMPLEXITY) {
            throw new InvalidFilterPolicyException(WILDCARD_COMPLEXITY, "policy has " + wildcardComplexity
                    + " points " + wildcardKeys);
        }
    }

    static long times(long a, long b) {
        long product = a * b;
        return (a != 0 && (product / a != b || product < 0)) ? Long.MAX_VALUE : product;
    }

    static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
