package io.msgflow.filter;

import static io.msgflow.filter.GuideMessages.attributes;
import static io.msgflow.filter.GuideMessages.attributesMatch;
import static io.msgflow.filter.GuideMessages.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.msgflow.MessageAttribute;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Attribute-scope matching: the guide's message-attribute examples, then the typing rules behind them. */
class FilterPolicyAttributeMatchingTest {

    private static String string(String name, String value) {
        return "\"" + name + "\": {\"Type\": \"String\", \"Value\": \"" + value + "\"}";
    }

    private static String number(String name, String value) {
        return "\"" + name + "\": {\"Type\": \"Number\", \"Value\": \"" + value + "\"}";
    }

    /** A String.Array attribute; {@code elements} is the JSON array text. */
    private static String array(String name, String elements) {
        return "\"" + name + "\": {\"Type\": \"String.Array\", \"Value\": \"" + elements.replace("\"", "\\\"") + "\"}";
    }

    // Guide page: "String value matching", section "Exact matching"
    @Nested
    class StringExactMatching {
        private final String policy = property("\"customer_interests\": [\"rugby\", \"tennis\"]");

        @ParameterizedTest
        @ValueSource(strings = {"rugby", "tennis"})
        void matchesAListedString(String value) {
            assertThat(attributesMatch(policy, string("customer_interests", value))).isTrue();
        }

        @Test
        void matchesAStringArrayHoldingAListedElement() {
            assertThat(attributesMatch(policy, array("customer_interests", "[\"rugby\", \"tennis\"]"))).isTrue();
        }

        @Test
        void rejectsOtherValues() {
            assertThat(attributesMatch(policy, string("customer_interests", "baseball"))).isFalse();
            assertThat(attributesMatch(policy, array("customer_interests", "[\"baseball\"]"))).isFalse();
        }

        @Test
        void isCaseSensitive() {
            assertThat(attributesMatch(policy, string("customer_interests", "Rugby"))).isFalse();
        }
    }

    // Guide page: "String value matching", section "Anything-but matching"
    @Nested
    class StringAnythingBut {
        private final String policy = property("\"customer_interests\": [{\"anything-but\": [\"rugby\", \"tennis\"]}]");

        @ParameterizedTest
        @ValueSource(strings = {"baseball", "football"})
        void matchesAnUnlistedString(String value) {
            assertThat(attributesMatch(policy, string("customer_interests", value))).isTrue();
        }

        @Test
        void matchesAStringArrayWithAnUnlistedElement() {
            assertThat(attributesMatch(policy, array("customer_interests", "[\"rugby\", \"baseball\"]"))).isTrue();
        }

        @Test
        void rejectsListedValues() {
            assertThat(attributesMatch(policy, string("customer_interests", "rugby"))).isFalse();
            assertThat(attributesMatch(policy, array("customer_interests", "[\"rugby\"]"))).isFalse();
        }

        @Test
        void needsTheAttribute() {
            assertThat(attributesMatch(policy, string("other", "baseball"))).isFalse();
        }

        @Test
        void combinesWithExistsFalse() {
            String orAbsent = property("\"customer_interests\": [{\"anything-but\": [\"rugby\"]}, {\"exists\": false}]");
            assertThat(attributesMatch(orAbsent, string("other", "x"))).isTrue();
            assertThat(attributesMatch(orAbsent, string("customer_interests", "rugby"))).isFalse();
            assertThat(attributesMatch(orAbsent, string("customer_interests", "golf"))).isTrue();
        }

        @Test
        void singleValueForm() {
            String single = property("\"event\": [{\"anything-but\": \"order_cancelled\"}]");
            assertThat(attributesMatch(single, string("event", "order_placed"))).isTrue();
            assertThat(attributesMatch(single, string("event", "order_cancelled"))).isFalse();
        }
    }

    // Guide page: "String value matching", "Using a prefix with anything-but", "anything-but wildcard", "anything-but suffix"
    @Nested
    class AnythingButPatterns {
        @ParameterizedTest
        @ValueSource(strings = {"data-entry", "order_number"})
        void anythingButPrefixMatchesOtherPrefixes(String value) {
            assertThat(attributesMatch(property("\"event\":[{\"anything-but\": {\"prefix\": \"order-\"}}]"), string("event", value)))
                    .isTrue();
        }

        @Test
        void anythingButPrefixRejectsThePrefix() {
            assertThat(attributesMatch(property("\"event\":[{\"anything-but\": {\"prefix\": \"order-\"}}]"),
                    string("event", "order-cancelled"))).isFalse();
        }

        @Test
        void anythingButWildcard() {
            String policy = property("\"customer_interests\" : [{ \"anything-but\": { \"wildcard\": \"*ball\" }}]");
            assertThat(attributesMatch(policy, array("customer_interests", "[\"hockey\", \"rugby\", \"soccer\"]"))).isTrue();
            assertThat(attributesMatch(policy, array("customer_interests", "[\"baseball\", \"basketball\"]"))).isFalse();
        }

        @Test
        void anythingButSuffix() {
            String policy = property("\"customer_interests\": [ { \"anything-but\": { \"suffix\": \"ball\" } } ]");
            assertThat(attributesMatch(policy, array("customer_interests", "[\"hockey\", \"rugby\", \"soccer\"]"))).isTrue();
            assertThat(attributesMatch(policy, array("customer_interests", "[\"baseball\", \"basketball\"]"))).isFalse();
        }
    }

    // Guide page: "String value matching", sections "Equals-ignore-case matching", "Prefix matching", "Suffix matching", "Wildcard"
    @Nested
    class StringOperators {
        @ParameterizedTest
        @ValueSource(strings = {"TENNIS", "Tennis", "tennis"})
        void equalsIgnoreCase(String value) {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"equals-ignore-case\": \"tennis\"}]"),
                    string("customer_interests", value))).isTrue();
        }

        @Test
        void equalsIgnoreCaseStillComparesTheLetters() {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"equals-ignore-case\": \"tennis\"}]"),
                    string("customer_interests", "TENNIS!"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"baseball", "basketball"})
        void prefix(String value) {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"prefix\": \"bas\"}]"), string("customer_interests", value)))
                    .isTrue();
        }

        @Test
        void prefixRejectsOtherStarts() {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"prefix\": \"bas\"}]"), string("customer_interests", "rugby")))
                    .isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"baseball", "basketball"})
        void suffix(String value) {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"suffix\": \"ball\"}]"), string("customer_interests", value)))
                    .isTrue();
        }

        @Test
        void suffixRejectsOtherEnds() {
            assertThat(attributesMatch(property("\"customer_interests\": [{\"suffix\": \"ball\"}]"), string("customer_interests", "rugby")))
                    .isFalse();
        }

        @Test
        void wildcard() {
            String policy = property("\"customer_interests\": [ { \"wildcard\": \"*ball\" } ]");
            assertThat(attributesMatch(policy, array("customer_interests", "[\"baseball\", \"basketball\"]"))).isTrue();
            assertThat(attributesMatch(policy, string("customer_interests", "rugby"))).isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "a*c, abc, true", "a*c, ac, true", "a*c, abd, false", "*b*, abc, true", "*b*, ac, false",
            "a*b*c, axxbyyc, true", "a*b*c, acb, false", "ab*ab, ab, false", "ab*ab, abab, true",
            "*, anything, true", "no-star, no-star, true", "no-star, no-stars, false"
        })
        void wildcardPatterns(String pattern, String value, boolean expected) {
            assertThat(attributesMatch(property("\"k\": [{\"wildcard\": \"" + pattern + "\"}]"), string("k", value)))
                    .isEqualTo(expected);
        }
    }

    // Guide page: "String value matching", section "IP address matching"
    @Nested
    class IpAddressMatching {
        private final String policy = property("\"source_ip\":[{\"cidr\": \"10.0.0.0/24\"}]");

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.0", "10.0.0.255"})
        void matchesAddressesInTheSubnet(String ip) {
            assertThat(attributesMatch(policy, string("source_ip", ip))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.1.1.0", "10.0.1.0", "not-an-ip", "10.0.0", "::ffff:10.0.0.1"})
        void rejectsOtherAddressesAndNonAddresses(String ip) {
            assertThat(attributesMatch(policy, string("source_ip", ip))).isFalse();
        }

        @Test
        void matchesIpv6Networks() {
            String v6 = property("\"source_ip\":[{\"cidr\": \"2001:db8::/32\"}]");
            assertThat(attributesMatch(v6, string("source_ip", "2001:db8:0:1::42"))).isTrue();
            assertThat(attributesMatch(v6, string("source_ip", "2001:db9::1"))).isFalse();
            assertThat(attributesMatch(v6, string("source_ip", "10.0.0.1"))).isFalse();
        }

        @Test
        void honoursPrefixLengthsThatAreNotByteAligned() {
            String slash20 = property("\"ip\":[{\"cidr\": \"172.16.0.0/20\"}]");
            assertThat(attributesMatch(slash20, string("ip", "172.16.15.255"))).isTrue();
            assertThat(attributesMatch(slash20, string("ip", "172.16.16.0"))).isFalse();
        }
    }

    // Guide page: "Numeric value matching", sections "Exact matching", "Anything-but matching", "Value range matching"
    @Nested
    class NumericMatching {
        @ParameterizedTest
        @ValueSource(strings = {"301.5", "3.015e2"})
        void exactMatching(String value) {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\"=\",301.5]}]"), number("price_usd", value))).isTrue();
        }

        @Test
        void exactMatchingRejectsOtherNumbers() {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\"=\",301.5]}]"), number("price_usd", "301.6"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"101", "100.1"})
        void anythingButMatchesOtherNumbers(String value) {
            assertThat(attributesMatch(property("\"price\": [{\"anything-but\": [100, 500]}]"), number("price", value))).isTrue();
        }

        @Test
        void anythingButRejectsAListedNumber() {
            assertThat(attributesMatch(property("\"price\": [{\"anything-but\": [100, 500]}]"), number("price", "100"))).isFalse();
            assertThat(attributesMatch(property("\"price\": [{\"anything-but\": [100, 500]}]"), number("price", "5e2"))).isFalse();
        }

        @Test
        void anythingButMatchesAnArrayWithAnUnlistedNumber() {
            // The guide's "Number.Array" is not an SNS data type; String.Array carries typed numbers.
            assertThat(attributesMatch(property("\"price\": [{\"anything-but\": [100, 500]}]"), array("price", "[100, 50]"))).isTrue();
            assertThat(attributesMatch(property("\"price\": [{\"anything-but\": [100, 500]}]"), array("price", "[100, 500]"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "-0.00001", "-1000000000"})
        void lessThanZeroMatchesNegativeNumbers(String value) {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\"<\", 0]}]"), number("price_usd", value))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1"})
        void lessThanZeroRejectsOthers(String value) {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\"<\", 0]}]"), number("price_usd", value))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.00001", "1", "150", "150.000"})
        void rangeMatchesPositivesUpToAndIncluding150(String value) {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]"), number("price_usd", value)))
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "150.00001", "151"})
        void rangeRejectsTheRest(String value) {
            assertThat(attributesMatch(property("\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]"), number("price_usd", value)))
                    .isFalse();
        }
    }

    // Guide page: "Filter policy constraints" (numeric accuracy, compared data types, Binary ignored)
    @Nested
    class Typing {
        @Test
        void numbersCompareWithFiveDecimalDigitsOfAccuracy() {
            String policy = property("\"n\": [{\"numeric\": [\"=\", 1]}]");
            assertThat(attributesMatch(policy, number("n", "1.000004"))).isTrue();
            assertThat(attributesMatch(policy, number("n", "1.00001"))).isFalse();
        }

        @Test
        void numbersOutsideTheSnsRangeMatchNoNumericCondition() {
            String policy = property("\"n\": [{\"numeric\": [\">\", 0]}]");
            assertThat(attributesMatch(policy, number("n", "1000000000"))).isTrue();
            assertThat(attributesMatch(policy, number("n", "1000000000.1"))).isFalse();
        }

        @Test
        void numericConditionsDoNotMatchStringAttributesHoldingDigits() {
            assertThat(attributesMatch(property("\"n\": [{\"numeric\": [\"=\", 5]}]"), string("n", "5"))).isFalse();
            assertThat(attributesMatch(property("\"n\": [5]"), string("n", "5"))).isFalse();
        }

        @Test
        void stringValuesDoNotMatchNumberAttributes() {
            assertThat(attributesMatch(property("\"n\": [\"5\"]"), number("n", "5"))).isFalse();
            assertThat(attributesMatch(property("\"n\": [{\"prefix\": \"5\"}]"), number("n", "5"))).isFalse();
        }

        @Test
        void plainNumbersMatchNumberAttributesNumerically() {
            assertThat(attributesMatch(property("\"n\": [5]"), number("n", "5.0"))).isTrue();
            assertThat(attributesMatch(property("\"n\": [5]"), number("n", "5e0"))).isTrue();
        }

        @Test
        void stringArrayElementsKeepTheirJsonTypes() {
            String members = array("tags", "[\"a\", 7, true, null]");
            assertThat(attributesMatch(property("\"tags\": [7]"), members)).isTrue();
            assertThat(attributesMatch(property("\"tags\": [{\"numeric\": [\">\", 6]}]"), members)).isTrue();
            assertThat(attributesMatch(property("\"tags\": [true]"), members)).isTrue();
            assertThat(attributesMatch(property("\"tags\": [null]"), members)).isTrue();
            assertThat(attributesMatch(property("\"tags\": [\"7\"]"), members)).isFalse();
            assertThat(attributesMatch(property("\"tags\": [false]"), members)).isFalse();
        }

        @Test
        void binaryAttributesAreIgnored() {
            Map<String, MessageAttribute> binary = Map.of("blob", MessageAttribute.binary(new byte[] {1, 2}));
            assertThat(FilterPolicy.parse(property("\"blob\": [{\"exists\": true}]")).matches(binary, null)).isFalse();
            assertThat(FilterPolicy.parse(property("\"blob\": [{\"anything-but\": \"x\"}]")).matches(binary, null)).isFalse();
            assertThat(FilterPolicy.parse(property("\"blob\": [{\"exists\": false}]"))
                    .matches(Map.of("blob", MessageAttribute.binary(new byte[] {1}), "other", MessageAttribute.string("x")), null))
                    .isTrue();
        }

        @Test
        void customDataTypeSuffixesKeepTheirBaseType() {
            assertThat(FilterPolicy.parse(property("\"n\": [{\"numeric\": [\"<\", 10]}]"))
                    .matches(Map.of("n", MessageAttribute.of("Number.float", "2.5")), null)).isTrue();
        }

        @Test
        void doubleQuotesAndBackslashesMustBeDoubleEscapedInAttributeScope() {
            Map<String, MessageAttribute> quoted = Map.of("q", MessageAttribute.string("say \"hi\" \\o/"));
            assertThat(FilterPolicy.parse("{\"q\": [\"say \\\\\\\"hi\\\\\\\" \\\\\\\\o/\"]}").matches(quoted, null)).isTrue();
            assertThat(FilterPolicy.parse("{\"q\": [\"say \\\"hi\\\" \\\\o/\"]}").matches(quoted, null)).isFalse();
        }

        @Test
        void booleansInThePolicyNeverMatchStringAttributes() {
            assertThat(attributesMatch(property("\"encrypted\": [false]"), string("encrypted", "false"))).isFalse();
        }

        @Test
        void theBodyIsIgnoredInAttributeScope() {
            FilterPolicy policy = FilterPolicy.parse(property("\"store\": [\"example_corp\"]"));
            assertThat(policy.matches(attributes(string("store", "example_corp")), "not json")).isTrue();
            assertThat(policy.matches(Map.of(), "{\"store\": \"example_corp\"}")).isFalse();
        }
    }
}
