package io.msgflow.filter;

import static io.msgflow.filter.InvalidFilterPolicyException.ANYTHING_BUT;
import static io.msgflow.filter.InvalidFilterPolicyException.CIDR;
import static io.msgflow.filter.InvalidFilterPolicyException.DUPLICATE_KEY;
import static io.msgflow.filter.InvalidFilterPolicyException.EMPTY_ARRAY;
import static io.msgflow.filter.InvalidFilterPolicyException.EMPTY_OBJECT;
import static io.msgflow.filter.InvalidFilterPolicyException.EXISTS_BOOLEAN;
import static io.msgflow.filter.InvalidFilterPolicyException.NESTED_ATTRIBUTES;
import static io.msgflow.filter.InvalidFilterPolicyException.NOT_JSON;
import static io.msgflow.filter.InvalidFilterPolicyException.NOT_OBJECT;
import static io.msgflow.filter.InvalidFilterPolicyException.NUMBER_RANGE;
import static io.msgflow.filter.InvalidFilterPolicyException.NUMERIC_SYNTAX;
import static io.msgflow.filter.InvalidFilterPolicyException.OPERATOR_SHAPE;
import static io.msgflow.filter.InvalidFilterPolicyException.STRING_OPERAND;
import static io.msgflow.filter.InvalidFilterPolicyException.TOO_COMPLEX;
import static io.msgflow.filter.InvalidFilterPolicyException.TOO_LARGE;
import static io.msgflow.filter.InvalidFilterPolicyException.TOO_MANY_KEYS;
import static io.msgflow.filter.InvalidFilterPolicyException.UNKNOWN_OPERATOR;
import static io.msgflow.filter.InvalidFilterPolicyException.VALUES_NOT_ARRAY;
import static io.msgflow.filter.InvalidFilterPolicyException.VALUE_TYPE;
import static io.msgflow.filter.InvalidFilterPolicyException.WILDCARD_COMPLEXITY;
import static io.msgflow.filter.InvalidFilterPolicyException.WILDCARD_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.msgflow.internal.Json;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of the guide page "Filter policy constraints in Amazon SNS", and the shapes every value must have. */
class FilterPolicyConstraintsTest {

    private static InvalidFilterPolicyException rejection(String policy, FilterScope scope) {
        InvalidFilterPolicyException e = catchThrowableOfType(InvalidFilterPolicyException.class,
                () -> FilterPolicy.parse(policy, scope));
        assertThat(e).as("policy %s should be rejected", policy).isNotNull();
        assertThat(e.getMessage()).startsWith("invalid filter policy: " + e.rule());
        return e;
    }

    private static String rule(String policy) {
        return rejection(policy, FilterScope.MESSAGE_ATTRIBUTES).rule();
    }

    private static String bodyRule(String policy) {
        return rejection(policy, FilterScope.MESSAGE_BODY).rule();
    }

    private static String values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    // Guide page: "Filter policy constraints", section "Common policy constraints"
    @Nested
    class CommonConstraints {
        @Test
        void complexityExampleHasSixCombinations() {
            String policy = """
                    {
                       "key_a": ["value_one", "value_two", "value_three"],
                       "key_b": ["value_one"],
                       "key_c": ["value_one", "value_two"]
                    }
                    """;
            assertThat(FilterPolicy.parse(policy).combinations()).isEqualTo(6);
        }

        @Test
        void totalCombinationMayReach150() {
            String policy = "{\"a\": " + values(6) + ", \"b\": " + values(5) + ", \"c\": " + values(5) + "}";
            assertThat(FilterPolicy.parse(policy).combinations()).isEqualTo(150);
        }

        @Test
        void totalCombinationMustNotExceed150() {
            InvalidFilterPolicyException e = rejection("{\"a\": " + values(7) + ", \"b\": " + values(5) + ", \"c\": " + values(5) + "}",
                    FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(TOO_COMPLEX);
            assertThat(e.getMessage()).contains("175");
        }

        @Test
        void orBranchesAddUpTowardThe150Limit() {
            String policy = "{\"$or\": [{\"a\": " + values(75) + "}, {\"b\": " + values(75) + "}]}";
            assertThat(FilterPolicy.parse(policy).combinations()).isEqualTo(150);
            assertThat(rule("{\"$or\": [{\"a\": " + values(75) + "}, {\"b\": " + values(76) + "}]}")).isEqualTo(TOO_COMPLEX);
        }

        @Test
        void aPolicyMayHaveFiveKeys() {
            assertThatCode(() -> FilterPolicy.parse("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1]}")).doesNotThrowAnyException();
        }

        @Test
        void aPolicyMayNotHaveSixKeys() {
            InvalidFilterPolicyException e = rejection("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}",
                    FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(TOO_MANY_KEYS);
            assertThat(e.getMessage()).isEqualTo("invalid filter policy: at most 5 keys: policy has 6 keys [a, b, c, d, e, f]");
        }

        @Test
        void keysInsideOrCountTowardTheFiveKeys() {
            assertThat(rule("{\"a\":[1],\"b\":[1],\"$or\":[{\"c\":[1],\"d\":[1]},{\"e\":[1],\"f\":[1]}]}")).isEqualTo(TOO_MANY_KEYS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1000000000", "-1000000000", "0.000001", "3.015e2", "-1e9"})
        void numbersFromMinusToPlusOneBillionAreAccepted(String number) {
            assertThatCode(() -> FilterPolicy.parse("{\"n\": [" + number + ", {\"numeric\": [\"<\", " + number + "]}]}"))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1000000000.5]", "[-1e10]", "[{\"numeric\": [\">\", 1e10]}]", "[{\"numeric\": [\">=\", 0, \"<\", 2e9]}]",
            "[{\"anything-but\": [1, 5000000000]}]", "[{\"anything-but\": -1000000001}]"})
        void numbersBeyondOneBillionAreRejected(String values) {
            InvalidFilterPolicyException e = rejection("{\"n\": " + values + "}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(NUMBER_RANGE);
            assertThat(e.getMessage()).contains("key \"n\"");
        }

        @Test
        void theJsonMayHoldStringsNumbersTrueFalseAndNull() {
            assertThatCode(() -> FilterPolicy.parse("{\"k\": [\"s\", 1, 2.5, true, false, null]}")).doesNotThrowAnyException();
            assertThatCode(() -> FilterPolicy.parse("{\"k\": [\"s\", 1, 2.5, true, false, null]}", FilterScope.MESSAGE_BODY))
                    .doesNotThrowAnyException();
        }

        @Test
        void theMaximumSizeIs256Kilobytes() {
            String filler = "x".repeat(256 * 1024 - "{\"k\": [\"\"]}".length());
            assertThatCode(() -> FilterPolicy.parse("{\"k\": [\"" + filler + "\"]}")).doesNotThrowAnyException();
            InvalidFilterPolicyException e = rejection("{\"k\": [\"" + filler + "y\"]}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(TOO_LARGE);
            assertThat(e.getMessage()).contains("262145 bytes");
        }

        @Test
        void theSizeIsMeasuredInUtf8Bytes() {
            String filler = "é".repeat(256 * 512);
            assertThat(rule("{\"k\": [\"" + filler + "\"]}")).isEqualTo(TOO_LARGE);
        }
    }

    // Guide page: "Filter policy constraints", section "Policy constraints for attribute-based filtering"
    @Nested
    class AttributeBasedConstraints {
        @Test
        void nestedPoliciesAreNotAccepted() {
            InvalidFilterPolicyException e = rejection("{\"detail\": {\"state\": [\"on\"]}}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(NESTED_ATTRIBUTES);
            assertThat(e.getMessage()).contains("\"detail\"");
        }

        @Test
        void nestedPoliciesAreNotAcceptedInsideOrEither() {
            assertThat(rule("{\"$or\": [{\"a\": {\"b\": [\"x\"]}}, {\"c\": [\"y\"]}]}")).isEqualTo(NESTED_ATTRIBUTES);
        }
    }

    // Guide page: "Filter policy constraints", section "Policy constraints for payload-based filtering"
    @Nested
    class PayloadBasedConstraints {
        private static final String KEY_LIMIT_EXAMPLE = """
                {
                "key_a": {
                    "key_b": {
                        "key_c": ["value_one", "value_two", "value_three", "value_four"]
                        }
                    },
                "key_d": {
                    "key_e": ["value_one", "value_two", "value_three"]
                    }
                }
                """;

        @Test
        void nestedPoliciesAreAccepted() {
            assertThatCode(() -> FilterPolicy.parse(KEY_LIMIT_EXAMPLE, FilterScope.MESSAGE_BODY)).doesNotThrowAnyException();
        }

        @Test
        void keyLimitExampleHas72CombinationsFromValuesTimesNestingLevel() {
            assertThat(FilterPolicy.parse(KEY_LIMIT_EXAMPLE, FilterScope.MESSAGE_BODY).combinations()).isEqualTo(72);
        }

        @Test
        void onlyLeafKeysCountTowardTheFiveKeyLimit() {
            String fiveLeaves = "{\"p\": {\"a\": [1], \"b\": [1]}, \"q\": {\"c\": [1], \"d\": [1]}, \"r\": {\"e\": [1]}}";
            assertThatCode(() -> FilterPolicy.parse(fiveLeaves, FilterScope.MESSAGE_BODY)).doesNotThrowAnyException();
            InvalidFilterPolicyException e = rejection(fiveLeaves.replace("\"e\": [1]", "\"e\": [1], \"f\": [1]"), FilterScope.MESSAGE_BODY);
            assertThat(e.rule()).isEqualTo(TOO_MANY_KEYS);
            assertThat(e.getMessage()).endsWith("policy has 6 keys [p.a, p.b, q.c, q.d, r.e, r.f]");
        }

        @Test
        void deepNestingCountsTowardTheCombinationLimit() {
            String deep = "{\"l1\": {\"l2\": {\"l3\": {\"l4\": {\"l5\": {\"l6\": " + values(25) + "}}}}}}";
            assertThat(FilterPolicy.parse(deep, FilterScope.MESSAGE_BODY).combinations()).isEqualTo(150);
            assertThat(bodyRule(deep.replace(values(25), values(26)))).isEqualTo(TOO_COMPLEX);
        }

        @Test
        void nestedObjectsMustNotBeEmpty() {
            assertThat(bodyRule("{\"a\": {}}")).isEqualTo(EMPTY_OBJECT);
            assertThat(bodyRule("{\"$or\": [{}, {\"a\": [\"x\"]}]}")).isEqualTo(EMPTY_OBJECT);
        }

        @Test
        void leafValuesMustStillBeArrays() {
            assertThat(bodyRule("{\"a\": {\"b\": \"x\"}}")).isEqualTo(VALUES_NOT_ARRAY);
        }
    }

    // Guide page: "Filter policy constraints", section "Wildcard pattern usage guidelines"
    @Nested
    class WildcardGuidelines {
        @Test
        void theGuideExamplesAreWithinTheLimits() {
            assertThatCode(() -> FilterPolicy.parse("{\"greeting\": [{\"anything-but\": {\"prefix\": \"Hello\"}}, {\"wildcard\": \"H*\"}]}"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> FilterPolicy.parse("{\"filename\": [{\"wildcard\": \"*.txt\"}, {\"wildcard\": \"log*\"}]}"))
                    .doesNotThrowAnyException();
        }

        @Test
        void atMostThreeWildcardsPerPattern() {
            assertThatCode(() -> FilterPolicy.parse("{\"k\": [{\"wildcard\": \"*a*b*\"}]}")).doesNotThrowAnyException();
            InvalidFilterPolicyException e = rejection("{\"k\": [{\"wildcard\": \"*a*b*c*\"}]}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(WILDCARD_COUNT);
            assertThat(e.getMessage()).contains("\"*a*b*c*\" has 4 wildcards");
            assertThat(rule("{\"k\": [{\"anything-but\": {\"wildcard\": \"****\"}}]}")).isEqualTo(WILDCARD_COUNT);
        }

        @Test
        void wildcardComplexityMustNotExceed100Points() {
            String three = "{\"wildcard\": \"*a*b*\"}";
            // (9 + 9 + 9) points x 3 patterns = 81
            assertThatCode(() -> FilterPolicy.parse("{\"k\": [" + three + ", " + three + ", " + three + "]}")).doesNotThrowAnyException();
            // (9 x 4) x 4 patterns = 144
            InvalidFilterPolicyException e = rejection("{\"k\": [" + three + ", " + three + ", " + three + ", " + three + "]}",
                    FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(WILDCARD_COMPLEXITY);
            assertThat(e.getMessage()).contains("144");
        }

        @Test
        void wildcardComplexityAddsUpAcrossKeys() {
            String field = "[{\"wildcard\": \"*a*\"}, {\"wildcard\": \"*b*\"}, {\"wildcard\": \"*c*\"}]";
            // each key: (6 + 6 + 6) x 3 = 54; two keys = 108
            assertThat(rule("{\"k1\": " + field + ", \"k2\": " + field + "}")).isEqualTo(WILDCARD_COMPLEXITY);
            assertThatCode(() -> FilterPolicy.parse("{\"k1\": " + field + "}")).doesNotThrowAnyException();
        }
    }

    // Syntax every policy must follow (Amazon SNS subscription filter policies; String and Numeric value matching)
    @Nested
    class Shapes {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{", "not json", "{\"a\": [\"x\"]} extra", "{'a': ['x']}", "{\"a\": [\"x\",]}"})
        void textThatIsNotJsonIsRejected(String policy) {
            assertThat(rule(policy)).isEqualTo(NOT_JSON);
        }

        @Test
        void aNullPolicyIsRejected() {
            assertThat(rule(null)).isEqualTo(NOT_JSON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"a\": [\"x\"]}]", "\"a\"", "42", "null", "true"})
        void aPolicyMustBeAnObject(String policy) {
            assertThat(rule(policy)).isEqualTo(NOT_OBJECT);
        }

        @Test
        void duplicateKeysAreRejected() {
            assertThat(rule("{\"a\": [\"x\"], \"a\": [\"y\"]}")).isEqualTo(DUPLICATE_KEY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"x\"", "5", "null", "true"})
        void valuesMustBeArrays(String value) {
            InvalidFilterPolicyException e = rejection("{\"store\": " + value + "}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(VALUES_NOT_ARRAY);
            assertThat(e.getMessage()).contains("key \"store\" holds " + value);
        }

        @Test
        void emptyArraysAreRejected() {
            assertThat(rule("{\"store\": []}")).isEqualTo(EMPTY_ARRAY);
            assertThat(bodyRule("{\"a\": {\"store\": []}}")).isEqualTo(EMPTY_ARRAY);
        }

        @Test
        void nestedArraysAreNotValues() {
            assertThat(rule("{\"store\": [[\"x\"]]}")).isEqualTo(VALUE_TYPE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"prefix\": \"a\", \"suffix\": \"b\"}"})
        void operatorObjectsHaveExactlyOneKey(String operator) {
            assertThat(rule("{\"k\": [" + operator + "]}")).isEqualTo(OPERATOR_SHAPE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"contains", "regex", "equals", "Prefix", "$or"})
        void unknownOperatorsAreRejected(String operator) {
            InvalidFilterPolicyException e = rejection("{\"k\": [{\"" + operator + "\": \"x\"}]}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(UNKNOWN_OPERATOR);
            assertThat(e.getMessage()).contains("'" + operator + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"prefix\": \"\"}", "{\"suffix\": \"\"}", "{\"prefix\": 5}", "{\"suffix\": null}",
            "{\"equals-ignore-case\": 5}", "{\"wildcard\": true}", "{\"cidr\": 10}", "{\"prefix\": {\"equals-ignore-case\": \"a\"}}"})
        void stringOperatorsNeedStrings(String operator) {
            assertThat(rule("{\"k\": [" + operator + "]}")).isEqualTo(STRING_OPERAND);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"true\"", "1", "null", "[true]"})
        void existsMustBeABoolean(String operand) {
            assertThat(rule("{\"k\": [{\"exists\": " + operand + "}]}")).isEqualTo(EXISTS_BOOLEAN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "[]", "[\"=\"]", "[\"=\", \"5\"]", "[\"==\", 5]", "[5, \"=\"]", "[\">\", 5, \"<\"]",
            "[\"<\", 10, \">\", 0]", "[\">\", 10, \"<\", 5]", "[\">\", 5, \"<=\", 5]", "[\"=\", 1, \"<\", 5]", "[\">\", 0, \">\", 5]",
            "[\">\", 0, \"<\", 5, \"<\", 6]", "[\">\", 0, \"<\", 5, \"=\"]"})
        void numericConditionsMustBeWellFormed(String operand) {
            InvalidFilterPolicyException e = rejection("{\"price\": [{\"numeric\": " + operand + "}]}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(NUMERIC_SYNTAX);
            assertThat(e.getMessage()).contains("key \"price\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "300.0.0.0/8", "10.0.0.0/x", "10.0.0.0/", "10.0.0/8", "::1/129",
            "2001:db8:::1/64", "10.0.0.0/8/8", "fe80::1%eth0/64"})
        void cidrBlocksMustBeValid(String block) {
            InvalidFilterPolicyException e = rejection("{\"ip\": [{\"cidr\": \"" + block + "\"}]}", FilterScope.MESSAGE_ATTRIBUTES);
            assertThat(e.rule()).isEqualTo(CIDR);
            assertThat(e.getMessage()).contains(block);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[true]", "[\"a\", 1]", "[[\"a\"]]", "null", "true", "{\"equals-ignore-case\": \"a\"}",
            "{\"prefix\": \"a\", \"suffix\": \"b\"}", "{}", "{\"numeric\": [\">\", 1]}"})
        void anythingButMustBeWellFormed(String operand) {
            assertThat(rule("{\"k\": [{\"anything-but\": " + operand + "}]}")).isEqualTo(ANYTHING_BUT);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "[\"x\", 1, true, null, {\"prefix\": \"p\"}, {\"suffix\": \"s\"}, {\"equals-ignore-case\": \"E\"}]",
            "[{\"anything-but\": \"x\"}, {\"anything-but\": 5}, {\"anything-but\": [\"x\", \"y\"]}, {\"anything-but\": [1, 2]}]",
            "[{\"anything-but\": {\"prefix\": \"p\"}}, {\"anything-but\": {\"suffix\": \"s\"}}, {\"anything-but\": {\"wildcard\": \"*w\"}}]",
            "[{\"numeric\": [\"=\", 5]}, {\"numeric\": [\">=\", 0, \"<\", 1]}, {\"exists\": true}, {\"exists\": false}]",
            "[{\"cidr\": \"10.0.0.0/8\"}, {\"cidr\": \"2001:db8::/32\"}, {\"cidr\": \"::ffff:10.0.0.0/104\"}, {\"wildcard\": \"w*\"}]"
        })
        void validValuesOfEveryKindAreAccepted(String values) throws JsonProcessingException {
            FilterPolicy policy = FilterPolicy.parse("{\"k\": " + values + "}");
            assertThat(policy.combinations()).isEqualTo(countElements(values));
        }

        private int countElements(String array) throws JsonProcessingException {
            return Json.MAPPER.readTree(array).size();
        }
    }
}
