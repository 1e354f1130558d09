package io.msgflow.stepfunctions.internal;

import static io.msgflow.stepfunctions.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.StatesErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRulesTest {
    private static final JsonNode INPUT = of("{'s':'beta','n':10,'b':true,'t':'2026-03-14T01:59:00Z','nil':null,'other':'alpha','m':10.0,"
            + "'later':'2026-03-14T02:00:00+01:00'}");

    private static boolean holds(String rule) {
        return ChoiceRules.matches(of(rule), INPUT, of("{}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {'Variable':'$.s','StringEquals':'beta'}                 | true
            {'Variable':'$.s','StringLessThan':'gamma'}              | true
            {'Variable':'$.s','StringGreaterThan':'gamma'}           | false
            {'Variable':'$.s','StringLessThanEquals':'beta'}         | true
            {'Variable':'$.s','StringGreaterThanEquals':'beta'}      | true
            {'Variable':'$.s','StringEqualsPath':'$.other'}          | false
            {'Variable':'$.s','StringGreaterThanPath':'$.other'}     | true
            {'Variable':'$.s','StringMatches':'b*a'}                 | true
            {'Variable':'$.s','StringMatches':'*x*'}                 | false
            {'Variable':'$.n','NumericEquals':10}                    | true
            {'Variable':'$.n','NumericEqualsPath':'$.m'}             | true
            {'Variable':'$.n','NumericLessThan':10}                  | false
            {'Variable':'$.n','NumericLessThanEquals':10}            | true
            {'Variable':'$.n','NumericGreaterThan':9.5}              | true
            {'Variable':'$.n','NumericGreaterThanEquals':11}         | false
            {'Variable':'$.b','BooleanEquals':true}                  | true
            {'Variable':'$.b','BooleanEqualsPath':'$.b'}             | true
            {'Variable':'$.t','TimestampEquals':'2026-03-14T02:59:00+01:00'} | true
            {'Variable':'$.t','TimestampLessThan':'2026-03-14T02:00:00Z'} | true
            {'Variable':'$.t','TimestampGreaterThanPath':'$.later'}  | true
            {'Variable':'$.t','TimestampLessThanEquals':'2026-03-14T01:59:00Z'} | true
            {'Variable':'$.t','TimestampGreaterThanEquals':'2026-03-15T00:00:00Z'} | false
            {'Variable':'$.nil','IsNull':true}                       | true
            {'Variable':'$.s','IsNull':true}                         | false
            {'Variable':'$.missing','IsPresent':false}               | true
            {'Variable':'$.s','IsPresent':true}                      | true
            {'Variable':'$.n','IsNumeric':true}                      | true
            {'Variable':'$.s','IsString':true}                       | true
            {'Variable':'$.b','IsBoolean':true}                      | true
            {'Variable':'$.t','IsTimestamp':true}                    | true
            {'Variable':'$.s','IsTimestamp':true}                    | false
            {'Variable':'$.s','NumericEquals':10}                    | false
            {'Variable':'$.n','StringEquals':'10'}                   | false
            {'And':[{'Variable':'$.n','NumericEquals':10},{'Variable':'$.b','BooleanEquals':true}]} | true
            {'Or':[{'Variable':'$.n','NumericEquals':1},{'Variable':'$.b','BooleanEquals':false}]}  | false
            {'Not':{'Variable':'$.n','NumericEquals':1}}             | true
            """)
    void comparesAsTheSpecificationSays(String rule, boolean expected) {
        assertThat(holds(rule)).isEqualTo(expected);
    }

    @Test
    void aMissingVariableIsARuntimeErrorExceptForIsPresent() {
        assertThatThrownBy(() -> holds("{'Variable':'$.missing','StringEquals':'x'}"))
                .isInstanceOfSatisfying(StatesFailure.class, f -> assertThat(f.error()).isEqualTo(StatesErrors.RUNTIME));
    }

    @Test
    void stringMatchesHonoursEscapesAndStaysFastOnHostileInput() {
        assertThat(ChoiceRules.wildcardMatch("log-*.txt", "log-\\*.txt")).isTrue();
        assertThat(ChoiceRules.wildcardMatch("log-1.txt", "log-\\*.txt")).isFalse();
        assertThat(ChoiceRules.wildcardMatch("a\\b", "a\\\\b")).isTrue();
        assertThat(ChoiceRules.wildcardMatch("", "*")).isTrue();
        String text = "a".repeat(20_000);
        long start = System.nanoTime();
        assertThat(ChoiceRules.wildcardMatch(text, "*a*a*a*a*a*a*a*a*b")).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2_000);
    }
}
