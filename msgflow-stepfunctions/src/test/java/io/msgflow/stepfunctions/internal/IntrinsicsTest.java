package io.msgflow.stepfunctions.internal;

import static io.msgflow.stepfunctions.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgflow.stepfunctions.Json;
import io.msgflow.stepfunctions.StatesErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicsTest {
    private static final JsonNode INPUT = of("{'name':'Ann','n':3,'list':[1,2,2,3],'obj':{'a':1},'json':'{\\\"k\\\":[1]}'}");
    private static final JsonNode CONTEXT = of("{'Execution':{'Name':'run-1'}}");

    private static JsonNode eval(String call) {
        return Intrinsics.evaluate(Json.quote(call), INPUT, CONTEXT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            States.Format(`Hello {}, {} items`, $.name, $.n)   | 'Hello Ann, 3 items'
            States.Format(`run {}`, $$.Execution.Name)         | 'run run-1'
            States.Format(`literal \\{\\} {}`, true)           | 'literal {} true'
            States.StringToJson($.json)                        | {'k':[1]}
            States.JsonToString($.obj)                         | '{\\"a\\":1}'
            States.Array(1, `two`, $.n, null)                  | [1,'two',3,null]
            States.ArrayPartition($.list, 3)                   | [[1,2,2],[3]]
            States.ArrayContains($.list, 3)                    | true
            States.ArrayContains($.list, 9)                    | false
            States.ArrayRange(1, 9, 3)                         | [1,4,7]
            States.ArrayRange(5, 1, -2)                        | [5,3,1]
            States.ArrayGetItem($.list, 3)                     | 3
            States.ArrayLength($.list)                         | 4
            States.ArrayUnique($.list)                         | [1,2,3]
            States.Base64Encode(`Data to encode`)              | 'RGF0YSB0byBlbmNvZGU='
            States.Base64Decode(`RGF0YSB0byBlbmNvZGU=`)        | 'Data to encode'
            States.Hash(`input data`, `SHA-1`)                 | 'aaff4a450a104cd177d28d18d74485e8cae074b7'
            States.JsonMerge($.obj, States.StringToJson(`{'b':2}`), false) | {'a':1,'b':2}
            States.MathAdd($.n, -5)                            | -2
            States.MathRandom(7, 8)                            | 7
            States.StringSplit(`a,b+c,,d`, `,+`)               | ['a','b','c','d']
            States.ArrayLength(States.Array($.n, $.n))          | 2
            """)
    void evaluatesAsTheDeveloperGuideShows(String call, String expected) {
        assertThat(eval(call)).isEqualTo(of(expected));
    }

    @Test
    void uuidIsAVersion4Uuid() {
        assertThat(eval("States.UUID()").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            States.Format(`{} and {}`, 1)          | has more '{}' than
            States.Format(`{}`, $.obj)              | must be a string, number, boolean or null
            States.ArrayLength($.name)              | must be an array
            States.ArrayRange(1, 5000, 1)           | at most 1000 items
            States.ArrayGetItem($.list, 4)          | between 0 and 3
            States.MathAdd(1.5, 1)                  | must be an integer
            States.StringToJson(`{`)                | does not parse
            States.Hash(`x`, `CRC32`)               | the algorithm must be one of
            States.JsonMerge($.obj, $.obj, true)    | only a shallow merge
            States.ArrayLength($.missing)           | selects nothing
            States.ArrayPartition($.list, 0)        | at least 1
            """)
    void aBrokenRuleFailsWithIntrinsicFailure(String call, String rule) {
        assertThatThrownBy(() -> eval(call)).isInstanceOfSatisfying(StatesFailure.class, f -> {
            assertThat(f.error()).isEqualTo(StatesErrors.INTRINSIC_FAILURE);
            assertThat(f.cause()).contains(rule);
        });
    }

    @Test
    void badSyntaxIsRefusedWhenChecked() {
        assertThatThrownBy(() -> Intrinsics.check("States.Format('x'")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Intrinsics.check("States.Nope()")).hasMessageContaining("'States.Nope' is not an intrinsic function");
        assertThatThrownBy(() -> Intrinsics.check("States.Array(1) x")).hasMessageContaining("unexpected text");
    }
}
