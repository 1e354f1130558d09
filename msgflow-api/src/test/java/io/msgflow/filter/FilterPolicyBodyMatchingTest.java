package io.msgflow.filter;

import static io.msgflow.filter.GuideMessages.bodyMatches;
import static io.msgflow.filter.GuideMessages.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Body-scope matching: the guide's message-body examples, then nesting, arrays, null and empty values. */
class FilterPolicyBodyMatchingTest {

    private static String body(String key, String jsonValue) {
        return "{\n   \"" + key + "\": " + jsonValue + "\n}";
    }

    // Guide page: "String value matching" (message bodies of every section)
    @Nested
    class StringValueMatching {
        @ParameterizedTest
        @ValueSource(strings = {"\"rugby\"", "\"tennis\""})
        void exactMatching(String value) {
            assertThat(bodyMatches(property("\"customer_interests\": [\"rugby\", \"tennis\"]"), body("customer_interests", value))).isTrue();
        }

        @Test
        void exactMatchingRejectsOtherValues() {
            assertThat(bodyMatches(property("\"customer_interests\": [\"rugby\", \"tennis\"]"), body("customer_interests", "\"baseball\"")))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"baseball\"", "\"football\"", "[\"rugby\", \"baseball\"]"})
        void anythingButMatches(String value) {
            assertThat(bodyMatches(property("\"customer_interests\": [{\"anything-but\": [\"rugby\", \"tennis\"]}]"),
                    body("customer_interests", value))).isTrue();
        }

        @Test
        void anythingButRejectsAListedValue() {
            assertThat(bodyMatches(property("\"customer_interests\": [{\"anything-but\": [\"rugby\", \"tennis\"]}]"),
                    body("customer_interests", "[\"rugby\"]"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"data-entry\"", "\"order_number\""})
        void anythingButPrefixMatches(String value) {
            assertThat(bodyMatches(property("\"event\":[{\"anything-but\": {\"prefix\": \"order-\"}}]"), body("event", value))).isTrue();
        }

        @Test
        void anythingButPrefixRejectsThePrefix() {
            assertThat(bodyMatches(property("\"event\":[{\"anything-but\": {\"prefix\": \"order-\"}}]"), body("event", "\"order-cancelled\"")))
                    .isFalse();
        }

        @Test
        void anythingButWildcardAndSuffix() {
            String wildcard = property("\"customer_interests\" : [{ \"anything-but\": { \"wildcard\": \"*ball\" }}]");
            String suffix = property("\"customer_interests\": [ { \"anything-but\": { \"suffix\": \"ball\" } } ]");
            for (String policy : new String[] {wildcard, suffix}) {
                assertThat(bodyMatches(policy, "{\"customer_interests\": [\"hockey\", \"rugby\", \"soccer\"] }")).isTrue();
                assertThat(bodyMatches(policy, "{\"customer_interests\": [\"baseball\", \"basketball\"] }")).isFalse();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"TENNIS\"", "\"teNnis\""})
        void equalsIgnoreCase(String value) {
            assertThat(bodyMatches(property("\"customer_interests\": [{\"equals-ignore-case\": \"tennis\"}]"),
                    body("customer_interests", value))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"10.0.0.0\"", "\"10.0.0.255\""})
        void ipAddressMatching(String value) {
            assertThat(bodyMatches(property("\"source_ip\":[{\"cidr\": \"10.0.0.0/24\"}]"), body("source_ip", value))).isTrue();
        }

        @Test
        void ipAddressMatchingRejectsOtherSubnets() {
            assertThat(bodyMatches(property("\"source_ip\":[{\"cidr\": \"10.0.0.0/24\"}]"), body("source_ip", "\"10.1.1.0\""))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"baseball\"", "\"basketball\""})
        void prefixAndSuffix(String value) {
            assertThat(bodyMatches(property("\"customer_interests\": [{\"prefix\": \"bas\"}]"), body("customer_interests", value))).isTrue();
            assertThat(bodyMatches(property("\"customer_interests\": [{\"suffix\": \"ball\"}]"), body("customer_interests", value))).isTrue();
        }

        @Test
        void prefixAndSuffixRejectOthers() {
            assertThat(bodyMatches(property("\"customer_interests\": [{\"prefix\": \"bas\"}]"), body("customer_interests", "\"rugby\"")))
                    .isFalse();
            assertThat(bodyMatches(property("\"customer_interests\": [{\"suffix\": \"ball\"}]"), body("customer_interests", "\"rugby\"")))
                    .isFalse();
        }

        @Test
        void wildcard() {
            assertThat(bodyMatches(property("\"customer_interests\": [ { \"wildcard\": \"*ball\" } ]"),
                    "{\"customer_interests\": [\"baseball\", \"basketball\"] }")).isTrue();
            assertThat(bodyMatches(property("\"customer_interests\": [ { \"wildcard\": \"*ball\" } ]"),
                    "{\"customer_interests\": [\"rugby\"] }")).isFalse();
        }
    }

    // Guide page: "Numeric value matching" (message bodies)
    @Nested
    class NumericValueMatching {
        @ParameterizedTest
        @ValueSource(strings = {"301.5", "3.015e2"})
        void exactMatching(String value) {
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\"=\",301.5]}]"), body("price_usd", value))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"101", "100.1", "[100, 50]"})
        void anythingButMatches(String value) {
            assertThat(bodyMatches(property("\"price\": [{\"anything-but\": [100, 500]}]"), body("price", value))).isTrue();
        }

        @Test
        void anythingButRejectsAListedNumber() {
            assertThat(bodyMatches(property("\"price\": [{\"anything-but\": [100, 500]}]"), body("price", "100"))).isFalse();
        }

        @Test
        void rangeMatching() {
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\"<\", 0]}]"), body("price_usd", "-3"))).isTrue();
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\"<\", 0]}]"), body("price_usd", "3"))).isFalse();
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]"), body("price_usd", "150"))).isTrue();
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]"), body("price_usd", "0"))).isFalse();
        }

        @Test
        void numericConditionsDoNotMatchStringsHoldingDigits() {
            assertThat(bodyMatches(property("\"price_usd\": [{\"numeric\": [\">\", 0]}]"), body("price_usd", "\"5\""))).isFalse();
            assertThat(bodyMatches(property("\"price_usd\": [5]"), body("price_usd", "\"5\""))).isFalse();
        }
    }

    // Guide page: "Filter policy constraints", payload-based filtering (nested policies), and "Key matching"
    @Nested
    class Nesting {
        private static final String NESTED = """
                {"detail": {"customer": {"tier": ["gold"]}, "total": [{"numeric": [">", 100]}]}}""";

        @Test
        void nestedKeysFollowNestedObjects() {
            assertThat(bodyMatches(NESTED, "{\"detail\": {\"customer\": {\"tier\": \"gold\"}, \"total\": 120}}")).isTrue();
            assertThat(bodyMatches(NESTED, "{\"detail\": {\"customer\": {\"tier\": \"silver\"}, \"total\": 120}}")).isFalse();
            assertThat(bodyMatches(NESTED, "{\"detail\": {\"tier\": \"gold\", \"total\": 120}}")).isFalse();
            assertThat(bodyMatches(NESTED, "{\"tier\": \"gold\", \"total\": 120}")).isFalse();
        }

        @Test
        void arraysOfObjectsAreLookedThrough() {
            String policy = "{\"items\": {\"sku\": [\"A-1\"]}}";
            assertThat(bodyMatches(policy, "{\"items\": [{\"sku\": \"B-2\"}, {\"sku\": \"A-1\"}]}")).isTrue();
            assertThat(bodyMatches(policy, "{\"items\": [{\"sku\": \"B-2\"}]}")).isFalse();
        }

        @Test
        void nestedArraysAreFlattened() {
            assertThat(bodyMatches(property("\"m\": [3]"), "{\"m\": [[1, 2], [3]]}")).isTrue();
        }

        // AWS-validated (recorded against AWS by LocalStack's snapshot test of the body scope): a policy
        // key is a dotted path that resolves through nested objects, through keys that contain the
        // dots literally, and through every mix of the two.
        @ParameterizedTest
        @ValueSource(strings = {"{\"object\": {\"nested\": {\"test\": \"string.value\"}}}", "{\"object.nested.test\": \"string.value\"}",
            "{\"object.nested\": {\"test\": \"string.value\"}}", "{\"object\": {\"nested.test\": \"string.value\"}}"})
        void aDottedPolicyKeyResolvesThroughNestingAndLiteralDots(String body) {
            assertThat(bodyMatches("{\"object.nested.test\": [\"string.value\"]}", body)).isTrue();
            assertThat(bodyMatches("{\"object\": {\"nested.test\": [\"string.value\"]}}", body)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"object\": {\"nested\": {\"test\": \"string.notvalue\"}}}", "{\"object\": {\"nested\": \"string.value\"}}",
            "{\"object.nested\": \"string.value\"}", "{\"objectnested.test\": \"string.value\"}"})
        void aDottedPolicyKeyNeedsEverySegmentAndTheValue(String body) {
            assertThat(bodyMatches("{\"object.nested.test\": [\"string.value\"]}", body)).isFalse();
        }

        @Test
        void keysWrittenWithDotsMatchNestedPolicies() {
            assertThat(bodyMatches(NESTED, "{\"detail.customer.tier\": \"gold\", \"detail.total\": 120}")).isTrue();
        }
    }

    // Null and empty-string values: the policy JSON may hold null (Filter policy constraints)
    @Nested
    class NullAndEmpty {
        @Test
        void nullMatchesAJsonNull() {
            assertThat(bodyMatches(property("\"note\": [null]"), "{\"note\": null}")).isTrue();
            assertThat(bodyMatches(property("\"note\": [null]"), "{\"note\": \"null\"}")).isFalse();
            assertThat(bodyMatches(property("\"note\": [null]"), "{\"other\": null}")).isFalse();
        }

        @Test
        void emptyStringMatchesTheEmptyString() {
            assertThat(bodyMatches(property("\"last_name\": [\"\"]"), "{\"last_name\": \"\"}")).isTrue();
            assertThat(bodyMatches(property("\"last_name\": [\"\"]"), "{\"last_name\": \"Doe\"}")).isFalse();
            assertThat(bodyMatches(property("\"last_name\": [\"\"]"), "{\"last_name\": null}")).isFalse();
        }

        @Test
        void booleansMatchJsonBooleans() {
            assertThat(bodyMatches(property("\"encrypted\": [false]"), "{\"encrypted\": false}")).isTrue();
            assertThat(bodyMatches(property("\"encrypted\": [false]"), "{\"encrypted\": \"false\"}")).isFalse();
        }
    }

    // Guide page: "Amazon SNS message filtering": body policies assume a well-formed JSON object
    @Nested
    class MalformedBodies {
        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"not json", "[{\"store\": \"x\"}]", "\"x\"", "42", "{\"store\": \"x\"} trailing", "{\"store\": "})
        void aBodyThatIsNotAJsonObjectMatchesNothing(String body) {
            assertThat(bodyMatches(property("\"store\": [{\"exists\": false}]"), body)).isFalse();
            assertThat(bodyMatches(property("\"store\": [{\"anything-but\": \"y\"}]"), body)).isFalse();
        }

        @Test
        void attributesAreIgnoredInBodyScope() {
            FilterPolicy policy = FilterPolicy.parse(property("\"store\": [\"x\"]"), FilterScope.MESSAGE_BODY);
            assertThat(policy.matches(Map.of("store", MessageAttribute.string("x")), "{}")).isFalse();
            assertThat(policy.matches(null, "{\"store\": \"x\"}")).isTrue();
        }
    }
}
