package io.msgflow.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.MessageAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public API of {@link FilterPolicy}: text, normal form, equality, factories, scope and thread-safety. */
class FilterPolicyParsingTest {

    @Test
    void jsonIsTheTextAsGiven() {
        String text = "{ \"b\" : [ \"x\" ],\n  \"a\": [1.50] }";
        assertThat(FilterPolicy.parse(text).json()).isEqualTo(text);
    }

    @Test
    void normalizedJsonIsCompactWithSortedKeysAndCanonicalNumbers() {
        FilterPolicy policy = FilterPolicy.parse("{ \"b\" : [ \"x\", {\"numeric\": [\">\", 3.015e2]} ],\n  \"a\": [1.50, 100, 0.000001] }");
        assertThat(policy.normalizedJson()).isEqualTo("{\"a\":[1.5,100,0],\"b\":[\"x\",{\"numeric\":[\">\",301.5]}]}");
    }

    @Test
    void policiesThatDifferOnlyInLayoutAreEqual() {
        FilterPolicy one = FilterPolicy.parse("{\"a\": [\"x\"], \"n\": [{\"numeric\": [\"=\", 301.5]}]}");
        FilterPolicy other = FilterPolicy.parse("{ \"n\": [{\"numeric\": [\"=\", 3.015e2]}],\n \"a\": [ \"x\" ] }");
        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(one.json()).isNotEqualTo(other.json());
    }

    @Test
    void policiesDifferByValueValueOrderAndScope() {
        FilterPolicy attributes = FilterPolicy.parse("{\"a\": [\"x\", \"y\"]}");
        assertThat(attributes).isNotEqualTo(FilterPolicy.parse("{\"a\": [\"x\", \"z\"]}"));
        assertThat(attributes).isNotEqualTo(FilterPolicy.parse("{\"a\": [\"x\", \"y\"]}", FilterScope.MESSAGE_BODY));
        assertThat(attributes).isEqualTo(FilterPolicy.parse("{\"a\": [\"x\", \"y\"]}", FilterScope.MESSAGE_ATTRIBUTES));
    }

    @Test
    void parseWithoutScopeUsesMessageAttributes() {
        assertThat(FilterPolicy.parse("{\"a\": [\"x\"]}").scope()).isEqualTo(FilterScope.MESSAGE_ATTRIBUTES);
        assertThat(FilterPolicy.parse("{\"a\": [\"x\"]}", FilterScope.MESSAGE_BODY).scope()).isEqualTo(FilterScope.MESSAGE_BODY);
    }

    @Test
    void aScopeIsRequired() {
        assertThatThrownBy(() -> FilterPolicy.parse("{}", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theEmptyPolicyMatchesEveryMessage() {
        FilterPolicy attributes = FilterPolicy.parse("{}");
        FilterPolicy body = FilterPolicy.parse(" { } ", FilterScope.MESSAGE_BODY);
        assertThat(attributes.matches(Map.of(), null)).isTrue();
        assertThat(body.matches(null, "not json")).isTrue();
        assertThat(attributes.combinations()).isZero();
        assertThat(body.normalizedJson()).isEqualTo("{}");
    }

    @Test
    void matchingTypesBuildsAnExactStringPolicy() {
        FilterPolicy policy = FilterPolicy.matchingTypes("type", "notification", "alert");
        assertThat(policy.scope()).isEqualTo(FilterScope.MESSAGE_ATTRIBUTES);
        assertThat(policy.json()).isEqualTo("{\"type\":[\"notification\",\"alert\"]}");
        assertThat(policy.combinations()).isEqualTo(2);
        assertThat(policy.matches(Map.of("type", MessageAttribute.string("alert")), null)).isTrue();
        assertThat(policy.matches(Map.of("type", MessageAttribute.string("invoice")), null)).isFalse();
        assertThat(policy.matches(Map.of("kind", MessageAttribute.string("alert")), null)).isFalse();
    }

    @Test
    void matchingTypesEscapesItsValuesAsJson() {
        FilterPolicy policy = FilterPolicy.matchingTypes("ty\"pe", "a\\b");
        assertThat(policy.json()).isEqualTo("{\"ty\\\"pe\":[\"a\\\\b\"]}");
    }

    @Test
    void matchingTypesNeedsAtLeastOneValue() {
        assertThatThrownBy(() -> FilterPolicy.matchingTypes("type"))
                .isInstanceOfSatisfying(InvalidFilterPolicyException.class,
                        e -> assertThat(e.rule()).isEqualTo(InvalidFilterPolicyException.EMPTY_ARRAY));
    }

    @Test
    void combinationsMultiplyValueCounts() {
        assertThat(FilterPolicy.parse("{\"a\": [1, 2], \"b\": [{\"exists\": true}, \"x\", \"y\"]}").combinations()).isEqualTo(6);
        assertThat(FilterPolicy.parse("{\"a\": {\"b\": [1, 2]}, \"c\": [3]}", FilterScope.MESSAGE_BODY).combinations()).isEqualTo(4);
    }

    @Test
    void toStringShowsScopeAndNormalizedPolicy() {
        assertThat(FilterPolicy.parse("{ \"a\" : [\"x\"] }", FilterScope.MESSAGE_BODY))
                .hasToString("FilterPolicy[MessageBody {\"a\":[\"x\"]}]");
    }

    @Test
    void rejectionNamesTheRuleAndTheValue() {
        assertThatThrownBy(() -> FilterPolicy.parse("{\"price\": [{\"numeric\": [\">\", \"ten\"]}]}"))
                .isInstanceOf(InvalidFilterPolicyException.class)
                .hasMessage("invalid filter policy: well-formed numeric condition: key \"price\": numeric [\">\",\"ten\"]: "
                        + "\"ten\" is not a number");
    }

    @Test
    void onePolicyEvaluatesConcurrently() throws Exception {
        FilterPolicy policy = FilterPolicy.parse("{\"n\": [{\"numeric\": [\">=\", 500]}], \"tags\": [{\"prefix\": \"a\"}]}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> countMatches(policy)));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).as("even numbers from 500 to 999").isEqualTo(250);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int countMatches(FilterPolicy policy) {
        int matched = 0;
        for (int i = 0; i < 1000; i++) {
            Map<String, MessageAttribute> attributes = Map.of(
                    "n", MessageAttribute.number(i),
                    "tags", MessageAttribute.stringArray(List.of("b", i % 2 == 0 ? "a" + i : "c")));
            if (policy.matches(attributes, null)) {
                matched++;
            }
        }
        return matched;
    }
}
