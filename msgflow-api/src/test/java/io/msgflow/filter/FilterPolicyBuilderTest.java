package io.msgflow.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgflow.InvalidConfigurationException;
import io.msgflow.MessageAttribute;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPolicyBuilderTest {

    @Test
    void rendersTheJsonSnsTakesAndTheParserAcceptsItUnchanged() {
        FilterPolicyBuilder builder = FilterPolicyBuilder.attributes()
                .where("message_type", Match.exactly("order_placed"), Match.exactly("order_paid"))
                .where("region", Match.prefix("eu-"))
                .where("amount", Match.atLeast(100).andBelow(1000))
                .where("channel", Match.anythingBut("test", "staging"))
                .where("coupon", Match.exists());

        String json = builder.toJson();

        assertThat(json).isEqualTo("{\"message_type\":[\"order_placed\",\"order_paid\"],\"region\":[{\"prefix\":\"eu-\"}],"
                + "\"amount\":[{\"numeric\":[\">=\",100,\"<\",1000]}],\"channel\":[{\"anything-but\":[\"test\",\"staging\"]}],"
                + "\"coupon\":[{\"exists\":true}]}");
        FilterPolicy built = builder.build();
        assertThat(built).isEqualTo(FilterPolicy.parse(json));
        assertThat(FilterPolicy.parse(built.json()).normalizedJson()).isEqualTo(built.normalizedJson());
    }

    @Test
    void theBuiltPolicyMatchesWhatItSays() {
        FilterPolicy policy = FilterPolicyBuilder.attributes()
                .where("region", Match.prefix("eu-"))
                .where("amount", Match.greaterThan(100))
                .build();

        assertThat(policy.matches(attrs("eu-west-1", 150), null)).isTrue();
        assertThat(policy.matches(attrs("us-east-1", 150), null)).isFalse();
        assertThat(policy.matches(attrs("eu-west-1", 100), null)).isFalse();
        assertThat(policy.matches(Map.of("region", MessageAttribute.string("eu-west-1"),
                "amount", MessageAttribute.string("150")), null)).as("a string never passes a numeric condition").isFalse();
    }

    @Test
    void orAndNestedBodyKeysRoundTrip() {
        FilterPolicyBuilder builder = FilterPolicyBuilder.body()
                .nested("customer", c -> c.where("tier", Match.exactly("gold")))
                .or(b -> b.where("total", Match.atLeast(1000)), b -> b.where("express", Match.exactly(true)));

        FilterPolicy policy = builder.build();

        assertThat(builder.toJson()).isEqualTo("{\"customer\":{\"tier\":[\"gold\"]},"
                + "\"$or\":[{\"total\":[{\"numeric\":[\">=\",1000]}]},{\"express\":[true]}]}");
        assertThat(policy.scope()).isEqualTo(FilterScope.MESSAGE_BODY);
        assertThat(policy.matches(null, "{\"customer\":{\"tier\":\"gold\"},\"total\":5,\"express\":true}")).isTrue();
        assertThat(policy.matches(null, "{\"customer\":{\"tier\":\"gold\"},\"total\":5,\"express\":false}")).isFalse();
        assertThat(policy.matches(null, "{\"customer\":{\"tier\":\"silver\"},\"total\":5000}")).isFalse();
        assertThat(FilterPolicy.parse(builder.toJson(), FilterScope.MESSAGE_BODY)).isEqualTo(policy);
    }

    @Test
    void everyOperatorRendersAsTheSnsSyntax() {
        assertThat(FilterPolicyBuilder.body()
                .where("a", Match.suffix(".png"), Match.equalsIgnoreCase("X"), Match.isNull())
                .where("b", Match.anythingButPrefix("tmp-"), Match.anythingBut(1, 2))
                .where("c", Match.numericEquals(new BigDecimal("2.5")), Match.lessThan(0), Match.atMost(-10))
                .where("d", Match.absent())
                .where("e", Match.greaterThan(0).andAtMost(150), Match.exactly(7))
                .toJson())
                .isEqualTo("{\"a\":[{\"suffix\":\".png\"},{\"equals-ignore-case\":\"X\"},null],"
                        + "\"b\":[{\"anything-but\":{\"prefix\":\"tmp-\"}},{\"anything-but\":[1,2]}],"
                        + "\"c\":[{\"numeric\":[\"=\",2.5]},{\"numeric\":[\"<\",0]},{\"numeric\":[\"<=\",-10]}],"
                        + "\"d\":[{\"exists\":false}],\"e\":[{\"numeric\":[\">\",0,\"<=\",150]},7]}");
    }

    @Test
    void attributeStringsAreEscapedAsSnsRequiresSoTheValueMatchesItself() {
        FilterPolicy policy = FilterPolicyBuilder.attributes().where("note", Match.exactly("say \"hi\" \\o/")).build();

        assertThat(policy.matches(Map.of("note", MessageAttribute.string("say \"hi\" \\o/")), null)).isTrue();
        assertThat(FilterPolicyBuilder.body().where("note", Match.exactly("say \"hi\"")).build()
                .matches(null, "{\"note\":\"say \\\"hi\\\"\"}")).as("the body scope takes JSON strings as they are").isTrue();
    }

    @Test
    void snsRulesAreCheckedWhenBuilt() {
        FilterPolicyBuilder six = FilterPolicyBuilder.attributes();
        for (int i = 0; i < 6; i++) {
            six.where("k" + i, Match.exists());
        }
        assertThatThrownBy(six::build).isInstanceOf(InvalidFilterPolicyException.class).hasMessageContaining("5");
        assertThatThrownBy(() -> FilterPolicyBuilder.attributes().where("n", Match.atLeast(2_000_000_000)).build())
                .isInstanceOf(InvalidFilterPolicyException.class);
    }

    @Test
    void mistakesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> FilterPolicyBuilder.attributes().where("a", Match.exists()).where("a", Match.absent()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("key 'a' is given twice");
        assertThatThrownBy(() -> FilterPolicyBuilder.attributes().nested("customer", c -> c.where("tier", Match.exists())))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("body scope");
        assertThatThrownBy(() -> Match.lessThan(5).andBelow(3))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("lower bound");
        assertThatThrownBy(() -> FilterPolicyBuilder.body().or(b -> { }, b -> b.where("x", Match.exists())))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("at least one condition");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aNumberThatIsNotFiniteIsRefusedNamingTheRuleAndValue(double value) {
        for (java.util.function.Supplier<Match> match : java.util.List.<java.util.function.Supplier<Match>>of(() -> Match.atLeast(value),
                () -> Match.exactly(value), () -> Match.anythingBut(1, value), () -> Match.greaterThan(1).andBelow(value),
                () -> Match.atLeast((float) value))) {
            assertThatThrownBy(match::get).isInstanceOf(InvalidFilterPolicyException.class)
                    .hasMessageStartingWith("invalid filter policy: numbers between -1e9 and 1e9: the number " + value)
                    .hasMessageContaining("is not finite")
                    .satisfies(e -> assertThat(((InvalidFilterPolicyException) e).rule()).isEqualTo("numbers between -1e9 and 1e9"));
        }
    }

    @Test
    void aKeyOrValueWithAnUnpairedSurrogateIsRefusedNotEmitted() {
        String lone = "a\ud800b";
        assertThatThrownBy(() -> Match.exactly(lone)).isInstanceOf(InvalidFilterPolicyException.class)
                .hasMessage("invalid filter policy: keys and strings must be valid Unicode (no unpaired surrogate): value 'a\\ud800b'"
                        + " has an unpaired surrogate at index 1");
        assertThatThrownBy(() -> Match.prefix("x\udc00")).isInstanceOf(InvalidFilterPolicyException.class);
        assertThatThrownBy(() -> Match.anythingBut("ok", "\ud800")).isInstanceOf(InvalidFilterPolicyException.class);
        assertThatThrownBy(() -> FilterPolicyBuilder.attributes().where(lone, Match.exists())).isInstanceOf(InvalidFilterPolicyException.class)
                .hasMessageContaining("key 'a\\ud800b'");
        assertThatThrownBy(() -> FilterPolicyBuilder.body().nested("n", b -> b.where("\udfff", Match.exists())))
                .isInstanceOf(InvalidFilterPolicyException.class);
        assertThat(FilterPolicyBuilder.attributes().where("emoji \ud83d\ude00", Match.exactly("\ud83d\ude00")).toJson())
                .isEqualTo("{\"emoji \ud83d\ude00\":[\"\ud83d\ude00\"]}");
    }

    private static Map<String, MessageAttribute> attrs(String region, int amount) {
        return Map.of("region", MessageAttribute.string(region), "amount", MessageAttribute.number(BigDecimal.valueOf(amount)));
    }
}
