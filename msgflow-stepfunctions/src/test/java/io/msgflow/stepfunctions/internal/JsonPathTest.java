package io.msgflow.stepfunctions.internal;

import static io.msgflow.stepfunctions.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {
    private static final JsonNode STORE = of("{'store':{'book':[{'title':'A','price':8,'tags':['x']},{'title':'B','price':12},"
            + "{'title':'C','price':30,'isbn':'1'}],'bike':{'price':20}},'odd key':1,'a.b':2}");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
            $ => STORE
            $.store.bike.price => 20
            $['store']['bike']['price'] => 20
            $.store.book[1].title => 'B'
            $.store.book[-1].title => 'C'
            $['odd key'] => 1
            $['a.b'] => 2
            $.store.book[*].title => ['A','B','C']
            $.store.book[0:2].title => ['A','B']
            $.store.book[::2].title => ['A','C']
            $.store.book[0,2].title => ['A','C']
            $..price => [8,12,30,20]
            $.store.book[?(@.price < 10)].title => ['A']
            $.store.book[?(@.price >= 12 && @.price != 30)].title => ['B']
            $.store.book[?(@.isbn)].title => ['C']
            $.store.book[?(@.title == 'A' || @.price > 25)].title => ['A','C']
            $.store.book[?(!(@.price > 10))].title => ['A']
            $.store.*.price => [20]
            $.store.book[*].missing => []
            """)
    void selectsWhatJaywaySelects(String path, String expected) {
        JsonNode want = expected.equals("STORE") ? STORE : of(expected);

        assertThat(JsonPath.parse(path).select(STORE)).contains(want);
    }

    @Test
    void aReferencePathThatSelectsNothingIsEmpty() {
        assertThat(JsonPath.parse("$.store.car").select(STORE)).isEmpty();
        assertThat(JsonPath.parse("$.store.book[7]").select(STORE)).isEmpty();
        assertThat(JsonPath.parse("$.store.bike.price.cents").select(STORE)).isEmpty();
    }

    @Test
    void onlyNamesAndIndicesMakeAReferencePath() {
        assertThat(JsonPath.parse("$.a['b'][0]").isReferencePath()).isTrue();
        assertThat(JsonPath.parse("$.a[*]").isReferencePath()).isFalse();
        assertThat(JsonPath.parse("$..a").isReferencePath()).isFalse();
        assertThat(JsonPath.parse("$.a[0:1]").isReferencePath()).isFalse();
        assertThat(JsonPath.parse("$$.Execution.Id").isContext()).isTrue();
    }

    @Test
    void assignCreatesMissingObjectsAndLeavesTheOriginalAlone() {
        JsonNode input = of("{'a':{'keep':1}}");

        assertThat(JsonPath.parse("$.a.b.c").assign(input, of("5"))).isEqualTo(of("{'a':{'keep':1,'b':{'c':5}}}"));
        assertThat(JsonPath.parse("$").assign(input, of("5"))).isEqualTo(of("5"));
        assertThat(input).isEqualTo(of("{'a':{'keep':1}}"));
        assertThat(JsonPath.parse("$.l[1]").assign(of("{'l':[1,2]}"), of("9"))).isEqualTo(of("{'l':[1,9]}"));
    }

    @Test
    void assignThroughAValueThatIsNotAContainerFails() {
        assertThatThrownBy(() -> JsonPath.parse("$.a.b").assign(of("{'a':'text'}"), of("1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'$.a.b' cannot be applied").hasMessageContaining("string");
        assertThatThrownBy(() -> JsonPath.parse("$.l[5]").assign(of("{'l':[1]}"), of("1"))).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a.b        | must start with '$'
            $.         | a field name must follow '.'
            $[         | expected an index
            $['a'      | expected ']'
            $[0:1:0]   | a slice step must be at least 1
            $x         | expected '.' or '['
            $[?(@.a ~ 1)] | expected ')'
            """)
    void invalidPathsAreRefusedWithTheRule(String path, String rule) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
    }
}
