package io.msgflow.filter;

import static io.msgflow.filter.GuideMessages.attributes;
import static io.msgflow.filter.GuideMessages.attributesMatch;
import static io.msgflow.filter.GuideMessages.bodyMatches;
import static io.msgflow.filter.GuideMessages.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of the Amazon SNS developer guide pages on filter-policy syntax, each with the messages the guide gives. */
class FilterPolicyGuideExamplesTest {

    // Guide page: "Amazon SNS example filter policies"
    @Nested
    class ExampleFilterPolicies {
        private static final String ATTRIBUTES = """
                "customer_interests": {"Type": "String.Array", "Value": "[\\"soccer\\", \\"rugby\\", \\"hockey\\"]"},
                "store": {"Type": "String", "Value": "example_corp"},
                "event": {"Type": "String", "Value": "order_placed"},
                "price_usd": {"Type": "Number", "Value": "210.75"}
                """;
        private static final String BODY = """
                { "customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp",
                  "event":"order_placed", "price_usd":210.75 }
                """;
        private static final String ACCEPTING = """
                {
                   "store": ["example_corp"],
                   "event": [{"anything-but": "order_cancelled"}],
                   "customer_interests": [
                      "rugby",
                      "football",
                      "baseball"
                   ],
                   "price_usd": [{"numeric": [">=", 100]}]
                }
                """;
        private static final String REJECTING = """
                {
                   "store": ["example_corp"],
                   "event": ["order_cancelled"],
                   "encrypted": [false],
                   "customer_interests": [
                      "basketball",
                      "baseball"
                   ]
                }
                """;

        @Test
        void policyAcceptsTheExampleMessageAttributes() {
            assertThat(attributesMatch(ACCEPTING, ATTRIBUTES)).isTrue();
        }

        @Test
        void policyAcceptsTheExampleMessageBody() {
            assertThat(bodyMatches(ACCEPTING, BODY)).isTrue();
        }

        @Test
        void policyRejectsTheExampleMessageAttributes() {
            assertThat(attributesMatch(REJECTING, ATTRIBUTES)).isFalse();
        }

        @Test
        void policyRejectsTheExampleMessageBody() {
            assertThat(bodyMatches(REJECTING, BODY)).isFalse();
        }

        @Test
        void acceptingPolicyRejectsTheMessageOnceOneAttributeMismatches() {
            String cancelled = ATTRIBUTES.replace("order_placed", "order_cancelled");
            String cheap = ATTRIBUTES.replace("210.75", "99.5");
            assertThat(attributesMatch(ACCEPTING, cancelled)).isFalse();
            assertThat(attributesMatch(ACCEPTING, cheap)).isFalse();
        }

        @Test
        void rejectingPolicyFailsOnTheMissingEncryptedKeyAlone() {
            String withoutEncrypted = REJECTING.replace("\"encrypted\": [false],", "")
                    .replace("\"order_cancelled\"", "\"order_placed\"").replace("\"basketball\"", "\"rugby\"");
            assertThat(attributesMatch(withoutEncrypted, ATTRIBUTES)).isTrue();
            assertThat(bodyMatches(REJECTING.replace("\"order_cancelled\"", "\"order_placed\"")
                    .replace("\"basketball\"", "\"rugby\""), BODY)).isFalse();
        }
    }

    // Guide page: "AND/OR logic", section "AND logic"
    @Nested
    class AndLogic {
        private static final String POLICY = """
                {
                  "customer_interests": ["rugby"],
                  "price_usd": [{"numeric": [">", 100]}]
                }
                """;

        @Test
        void matchesWhenBothPropertiesMatch() {
            assertThat(attributesMatch(POLICY, """
                    "customer_interests": {"Type": "String", "Value": "rugby"},
                    "price_usd": {"Type": "Number", "Value": "100.01"}""")).isTrue();
            assertThat(bodyMatches(POLICY, "{\"customer_interests\": \"rugby\", \"price_usd\": 101}")).isTrue();
        }

        @Test
        void rejectsWhenEitherPropertyFails() {
            assertThat(attributesMatch(POLICY, """
                    "customer_interests": {"Type": "String", "Value": "rugby"},
                    "price_usd": {"Type": "Number", "Value": "100"}""")).isFalse();
            assertThat(attributesMatch(POLICY, """
                    "customer_interests": {"Type": "String", "Value": "football"},
                    "price_usd": {"Type": "Number", "Value": "150"}""")).isFalse();
            assertThat(bodyMatches(POLICY, "{\"customer_interests\": \"rugby\"}")).isFalse();
        }
    }

    // Guide page: "AND/OR logic", section "OR logic"
    @Nested
    class OrLogic {
        private static final String POLICY = """
                {
                   "customer_interests": ["rugby", "football", "baseball"]
                }
                """;

        @ParameterizedTest
        @ValueSource(strings = {"rugby", "football", "baseball"})
        void matchesAnyListedValue(String interest) {
            assertThat(attributesMatch(POLICY, "\"customer_interests\": {\"Type\": \"String\", \"Value\": \"" + interest + "\"}"))
                    .isTrue();
            assertThat(bodyMatches(POLICY, "{\"customer_interests\": \"" + interest + "\"}")).isTrue();
        }

        @Test
        void rejectsAnUnlistedValue() {
            assertThat(attributesMatch(POLICY, "\"customer_interests\": {\"Type\": \"String\", \"Value\": \"tennis\"}")).isFalse();
            assertThat(bodyMatches(POLICY, "{\"customer_interests\": \"tennis\"}")).isFalse();
        }
    }

    // Guide page: "AND/OR logic", section "OR operator"
    @Nested
    class OrOperator {
        private static final String STANDARD_OR = """
                {
                  "source": [ "aws.cloudwatch" ],
                  "$or": [
                    { "metricName": [ "CPUUtilization" ] },
                    { "namespace": [ "AWS/EC2" ] }
                  ]
                }
                """;

        @Test
        void standardOrMatchesEitherSetOfMessageAttributes() {
            assertThat(attributesMatch(STANDARD_OR, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "metricName": {"Type": "String", "Value": "CPUUtilization"}""")).isTrue();
            assertThat(attributesMatch(STANDARD_OR, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "namespace": {"Type": "String", "Value": "AWS/EC2"}""")).isTrue();
        }

        @Test
        void standardOrMatchesEitherMessageBody() {
            assertThat(bodyMatches(STANDARD_OR, """
                    { "source": "aws.cloudwatch", "metricName": "CPUUtilization" }""")).isTrue();
            assertThat(bodyMatches(STANDARD_OR, """
                    { "source": "aws.cloudwatch", "namespace": "AWS/EC2" }""")).isTrue();
        }

        @Test
        void standardOrStillRequiresTheAndedSourceAndOneBranch() {
            assertThat(attributesMatch(STANDARD_OR, "\"source\": {\"Type\": \"String\", \"Value\": \"aws.cloudwatch\"}")).isFalse();
            assertThat(bodyMatches(STANDARD_OR, "{ \"source\": \"aws.ec2\", \"namespace\": \"AWS/EC2\" }")).isFalse();
            assertThat(bodyMatches(STANDARD_OR, "{ \"source\": \"aws.cloudwatch\", \"namespace\": \"AWS/ES\" }")).isFalse();
        }

        @Test
        void orWithReservedKeywordsIsNotAnOrRelationship() {
            String policy = """
                    {
                       "$or": [ {"numeric" : 123}, {"prefix": "abc"} ]
                    }
                    """;
            // Read as the plain key "$or" with two operator values, where {"numeric": 123} is malformed.
            assertThatThrownBy(() -> FilterPolicy.parse(policy))
                    .isInstanceOfSatisfying(InvalidFilterPolicyException.class,
                            e -> assertThat(e.rule()).isEqualTo(InvalidFilterPolicyException.NUMERIC_SYNTAX));
        }

        @Test
        void orWithFewerThanTwoObjectsIsAnOrdinaryKey() {
            FilterPolicy policy = FilterPolicy.parse("{\"$or\": [\"a\", \"b\"]}");
            assertThat(policy.matches(attributes("\"$or\": {\"Type\": \"String\", \"Value\": \"a\"}"), null)).isTrue();
            assertThat(policy.matches(attributes("\"other\": {\"Type\": \"String\", \"Value\": \"a\"}"), null)).isFalse();
        }
    }

    // Guide page: "AND/OR logic", section "Policy constraints that include OR relationships"
    @Nested
    class OrConstraints {
        private static final String OR_POLICY = """
                {
                    "source": [ "aws.cloudwatch" ],
                    "$or": [
                      { "metricName": [ "CPUUtilization", "ReadLatency" ] },
                      {
                        "metricType": [ "MetricType" ] ,
                        "$or" : [
                          { "metricId": [ 1234, 4321 ] },
                          { "spaceId": [ 1000, 2000, 3000 ] }
                        ]
                      }
                    ]
                  }
                """;
        private static final String NESTED_OR_POLICY = """
                {
                    "$or": [
                      { "metricName": [ "CPUUtilization", "ReadLatency" ] },
                      { "namespace": [ "AWS/EC2", "AWS/ES" ] }
                    ],
                    "detail" : {
                      "scope" : [ "Service" ],
                      "$or": [
                        { "source": [ "aws.cloudwatch" ] },
                        { "type": [ "CloudWatch Alarm State Change"] }
                      ]
                    }
                  }
                """;

        @Test
        void orPolicyTotalCombinationIsSeven() {
            assertThat(FilterPolicy.parse(OR_POLICY).combinations()).isEqualTo(7);
        }

        @Test
        void orPolicyFollowsItsSimplifiedLogic() {
            assertThat(attributesMatch(OR_POLICY, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "metricType": {"Type": "String", "Value": "MetricType"},
                    "spaceId": {"Type": "Number", "Value": "2000"}""")).isTrue();
            assertThat(attributesMatch(OR_POLICY, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "metricName": {"Type": "String", "Value": "ReadLatency"}""")).isTrue();
            assertThat(attributesMatch(OR_POLICY, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "metricType": {"Type": "String", "Value": "MetricType"},
                    "spaceId": {"Type": "Number", "Value": "1234"}""")).isFalse();
            assertThat(attributesMatch(OR_POLICY, """
                    "source": {"Type": "String", "Value": "aws.cloudwatch"},
                    "metricId": {"Type": "Number", "Value": "1234"}""")).isFalse();
        }

        @Test
        void nestedOrPolicyTotalCombinationIsThirtyTwo() {
            assertThat(FilterPolicy.parse(NESTED_OR_POLICY, FilterScope.MESSAGE_BODY).combinations()).isEqualTo(32);
        }

        @Test
        void nestedOrPolicyFollowsItsSimplifiedLogic() {
            assertThat(bodyMatches(NESTED_OR_POLICY, """
                    {"namespace": "AWS/ES", "detail": {"scope": "Service", "type": "CloudWatch Alarm State Change"}}""")).isTrue();
            assertThat(bodyMatches(NESTED_OR_POLICY, """
                    {"metricName": "CPUUtilization", "detail": {"scope": "Service", "source": "aws.cloudwatch"}}""")).isTrue();
            assertThat(bodyMatches(NESTED_OR_POLICY, """
                    {"metricName": "CPUUtilization", "detail": {"scope": "Service"}}""")).isFalse();
            assertThat(bodyMatches(NESTED_OR_POLICY, """
                    {"metricName": "CPUUtilization", "source": "aws.cloudwatch", "detail": {"scope": "Service"}}""")).isFalse();
        }
    }

    // Guide page: "Key matching"
    @Nested
    class KeyMatching {
        private static final String WITH_STORE = """
                "store": {"Type": "String", "Value": "fans"},
                "customer_interests": {"Type": "String.Array", "Value": "[\\"baseball\\", \\"basketball\\"]"}
                """;
        private static final String WITHOUT_STORE = """
                "customer_interests": {"Type": "String.Array", "Value": "[\\"baseball\\", \\"basketball\\"]"}
                """;
        private static final String BODY_WITH_STORE = """
                {
                    "store": "fans",
                    "customer_interests": ["baseball", "basketball"]
                }
                """;
        private static final String BODY_WITHOUT_STORE = """
                {
                    "customer_interests": ["baseball", "basketball"]
                }
                """;
        private static final String EXISTS = property("\"store\": [{\"exists\": true}]");
        private static final String NOT_EXISTS = property("\"store\": [{\"exists\": false}]");

        @Test
        void existsTrueMatchesAttributesWithTheKey() {
            assertThat(attributesMatch(EXISTS, WITH_STORE)).isTrue();
            assertThat(attributesMatch(EXISTS, WITHOUT_STORE)).isFalse();
        }

        @Test
        void existsTrueMatchesBodyWithTheKey() {
            assertThat(bodyMatches(EXISTS, BODY_WITH_STORE)).isTrue();
            assertThat(bodyMatches(EXISTS, BODY_WITHOUT_STORE)).isFalse();
        }

        @Test
        void existsFalseMatchesAttributesWithoutTheKey() {
            assertThat(attributesMatch(NOT_EXISTS, WITHOUT_STORE)).isTrue();
            assertThat(attributesMatch(NOT_EXISTS, WITH_STORE)).isFalse();
        }

        @Test
        void existsFalseMatchesBodyWithoutTheKey() {
            assertThat(bodyMatches(NOT_EXISTS, BODY_WITHOUT_STORE)).isTrue();
            assertThat(bodyMatches(NOT_EXISTS, BODY_WITH_STORE)).isFalse();
        }

        @Test
        void existsFalseDoesNotMatchAnEmptySetOfAttributes() {
            assertThat(FilterPolicy.parse(NOT_EXISTS).matches(Map.of(), null)).isFalse();
            assertThat(FilterPolicy.parse(NOT_EXISTS).matches(null, null)).isFalse();
            assertThat(bodyMatches(NOT_EXISTS, "{}")).isFalse();
        }

        @Test
        void existsTrueNeedsANonNullNonEmptyValue() {
            assertThat(bodyMatches(EXISTS, "{\"store\": null}")).isFalse();
            assertThat(bodyMatches(EXISTS, "{\"store\": \"\"}")).isFalse();
            assertThat(bodyMatches(EXISTS, "{\"store\": 0}")).isTrue();
        }

        @Test
        void existsWorksOnLeafNodesOnly() {
            assertThat(bodyMatches(EXISTS, "{\"store\": {\"name\": \"fans\"}}")).isFalse();
            assertThat(bodyMatches(NOT_EXISTS, "{\"store\": {\"name\": \"fans\"}}")).isTrue();
            assertThat(bodyMatches("{\"store\": {\"name\": [{\"exists\": true}]}}", "{\"store\": {\"name\": \"fans\"}}")).isTrue();
        }
    }
}
