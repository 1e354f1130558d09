package io.msgflow.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A definition that breaks a rule of the States Language is refused before it runs, naming the state and the rule. */
class StateMachineValidationTest {

    private static List<InvalidDefinitionException.Violation> violations(String definition) {
        try {
            StateMachine.parse(Json.quote(definition));
        } catch (InvalidDefinitionException e) {
            return e.violations();
        }
        throw new AssertionError("the definition was accepted: " + definition);
    }

    private static String two(String first) {
        return "{'StartAt':'A','States':{'A':" + first + ",'B':{'Type':'Succeed'}}}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown Next               | {'Type':'Pass','Next':'Nowhere'}                              | States.A.Next | 'Nowhere', which does not exist
            neither Next nor End       | {'Type':'Pass','Result':1}                                    | States.A      | neither 'Next' nor "End": true
            both Next and End          | {'Type':'Pass','Next':'B','End':true}                         | States.A      | both 'Next' and "End": true
            unknown field              | {'Type':'Pass','Seconds':1,'Next':'B'}                        | States.A      | 'Seconds', which is not allowed
            unknown type               | {'Type':'Sleep','Next':'B'}                                   | States.A      | 'Type' must be one of
            ResultPath with wildcard   | {'Type':'Pass','ResultPath':'$.a[*]','Next':'B'}              | States.A.ResultPath | must be a reference path
            bad path syntax            | {'Type':'Pass','InputPath':'$.a[','Next':'B'}                 | States.A.InputPath | is invalid at position
            unknown intrinsic          | {'Type':'Pass','Parameters':{'x.$':'States.Nope(1)'},'Next':'B'} | States.A.Parameters.x.$ | 'States.Nope' is not an intrinsic
            two Wait fields            | {'Type':'Wait','Seconds':1,'Timestamp':'2026-01-01T00:00:00Z','Next':'B'} | States.A | exactly one of 'Seconds'
            negative Wait              | {'Type':'Wait','Seconds':-1,'Next':'B'}                       | States.A.Seconds | between 0 and
            bad Timestamp              | {'Type':'Wait','Timestamp':'tomorrow','Next':'B'}             | States.A.Timestamp | RFC 3339
            Error and ErrorPath        | {'Type':'Fail','Error':'E','ErrorPath':'$.e'}                 | States.A      | both 'Error' and 'ErrorPath'
            States.ALL not alone       | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Retry':[{'ErrorEquals':['States.ALL','E']}],'Next':'B'} | States.A.Retry[0].ErrorEquals | States.ALL must appear alone
            States.ALL not last        | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Catch':[{'ErrorEquals':['States.ALL'],'Next':'B'},{'ErrorEquals':['E'],'Next':'B'}],'Next':'B'} | States.A.Catch[0].ErrorEquals | in the last retrier or catcher
            reserved error name        | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Retry':[{'ErrorEquals':['States.Oops']}],'Next':'B'} | States.A.Retry[0].ErrorEquals | 'States.Oops' is not a predefined error
            BackoffRate below one      | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Retry':[{'ErrorEquals':['E'],'BackoffRate':0.5}],'Next':'B'} | States.A.Retry[0].BackoffRate | at least 1.0
            zero IntervalSeconds       | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Retry':[{'ErrorEquals':['E'],'IntervalSeconds':0}],'Next':'B'} | States.A.Retry[0].IntervalSeconds | between 1 and
            bad JitterStrategy         | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Retry':[{'ErrorEquals':['E'],'JitterStrategy':'HALF'}],'Next':'B'} | States.A.Retry[0].JitterStrategy | FULL or NONE
            catcher to nowhere         | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','Catch':[{'ErrorEquals':['E'],'Next':'X'}],'Next':'B'} | States.A.Catch[0].Next | 'X', which does not exist
            Heartbeat not below Timeout | {'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:f','TimeoutSeconds':5,'HeartbeatSeconds':5,'Next':'B'} | States.A.HeartbeatSeconds | smaller than TimeoutSeconds
            resource not an ARN        | {'Type':'Task','Resource':'my-function','Next':'B'}           | States.A.Resource | must be an ARN
            waitForTaskToken           | {'Type':'Task','Resource':'arn:aws:states:::lambda:invoke.waitForTaskToken','Parameters':{'FunctionName':'f'},'Next':'B'} | States.A.Resource | not supported
            lambda invoke without name | {'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'Payload':{}},'Next':'B'} | States.A.Parameters | needs 'Parameters' with 'FunctionName'
            Choice without rules       | {'Type':'Choice','Choices':[],'Default':'B'}                  | States.A.Choices | at least one rule
            Choice rule with two ops   | {'Type':'Choice','Choices':[{'Variable':'$.a','StringEquals':'x','NumericEquals':1,'Next':'B'}]} | States.A.Choices[0] | 'NumericEquals', which is not allowed
            Choice operand type        | {'Type':'Choice','Choices':[{'Variable':'$.a','NumericEquals':'1','Next':'B'}]} | States.A.Choices[0].NumericEquals | must be a number
            nested rule with Next      | {'Type':'Choice','Choices':[{'Not':{'Variable':'$.a','IsNull':true,'Next':'B'},'Next':'B'}]} | States.A.Choices[0].Not | must not have 'Next'
            Choice with End            | {'Type':'Choice','Choices':[{'Variable':'$.a','IsNull':true,'Next':'B'}],'End':true} | States.A | 'End', which is not allowed
            Map with both bodies       | {'Type':'Map','Iterator':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}},'ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}},'Next':'B'} | States.A | exactly one of 'ItemProcessor' and 'Iterator'
            distributed Map            | {'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},'StartAt':'X','States':{'X':{'Type':'Succeed'}}},'Next':'B'} | States.A.ItemProcessor.ProcessorConfig.Mode | only INLINE
            """)
    void aBrokenRuleIsRefusedNamingTheStateAndTheRule(String rule, String state, String location, String message) {
        assertThat(violations(two(state))).as(rule)
                .anySatisfy(v -> {
                    assertThat(v.location()).isEqualTo(location);
                    assertThat(v.rule()).contains(message);
                });
    }

    @Test
    void anUnreachableStateIsRefused() {
        assertThat(violations("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'Orphan':{'Type':'Pass','End':true}}}"))
                .containsExactly(new InvalidDefinitionException.Violation("States.Orphan",
                        "is not reachable from 'StartAt' (no state's Next, Default, Choices or Catch leads to it)"));
    }

    @Test
    void aBranchCannotTransitionOutOfItself() {
        assertThat(violations("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[{'StartAt':'X','States':{'X':{'Type':'Pass',"
                + "'Next':'Done'}}}],'Next':'Done'},'Done':{'Type':'Succeed'}}}"))
                .extracting(InvalidDefinitionException.Violation::location).contains("States.P.Branches[0].States.X.Next");
    }

    @Test
    void aMachineWithoutATerminalStateIsRefused() {
        assertThat(violations("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'}}}"))
                .extracting(InvalidDefinitionException.Violation::rule).anySatisfy(r -> assertThat(r).contains("terminal state"));
    }

    @Test
    void startAtMustNameAState() {
        assertThat(violations("{'StartAt':'Z','States':{'A':{'Type':'Succeed'}}}"))
                .anySatisfy(v -> assertThat(v.rule()).contains("'StartAt' names the state 'Z'"));
    }

    @Test
    void everyViolationIsListedAtOnce() {
        assertThatThrownBy(() -> StateMachine.parse(Json.quote("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'X'},"
                + "'B':{'Type':'Wait','Next':'A'}}}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("States.A.Next").hasMessageContaining("States.B: must have exactly one of 'Seconds'")
                .hasMessageContaining("States.B: is not reachable");
    }

    @Test
    void notJsonAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> StateMachine.parse("{\"StartAt\": ")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> StateMachine.parse(Json.quote("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'A':{'Type':'Fail'}}}")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("Duplicate field 'A'");
    }

    @Test
    void substitutionsFillPlaceholdersAsJsonStringContentAndMissingOnesAreNamed() {
        String definition = Json.quote("{'Comment':'${...} are placeholders','StartAt':'A','States':{'A':{'Type':'Pass','Result':'${Url}','End':true}}}");

        assertThat(StateMachine.parse(definition, Map.of("Url", "http://q/\"x\"")).definition().at("/States/A/Result").asText())
                .isEqualTo("http://q/\"x\"");
        assertThat(StateMachine.parse(definition, Map.of("Url", "u")).definition().path("Comment").asText()).isEqualTo("${...} are placeholders");
        assertThatThrownBy(() -> StateMachine.parse(definition, Map.of("Other", "v")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("${Url}: has no value");
    }

    @Test
    void aValidDefinitionWithEveryStateTypeIsAccepted() {
        StateMachine machine = StateMachine.parse(Json.quote("{'Comment':'all','TimeoutSeconds':60,'StartAt':'P','States':{"
                + "'P':{'Type':'Pass','Result':{'n':1},'ResultPath':'$.r','Next':'T'},"
                + "'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'f','Payload.$':'$'},"
                + "'ResultSelector':{'p.$':'$.Payload'},'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':1,'MaxAttempts':2,'BackoffRate':1.5,"
                + "'MaxDelaySeconds':5,'JitterStrategy':'FULL'}],'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'F'}],"
                + "'TimeoutSeconds':30,'Next':'C'},"
                + "'C':{'Type':'Choice','Choices':[{'Or':[{'Variable':'$.a','TimestampLessThan':'2026-01-01T00:00:00Z'},"
                + "{'Variable':'$.b','StringMatches':'x*'}],'Next':'W'}],'Default':'M'},"
                + "'W':{'Type':'Wait','SecondsPath':'$.s','Next':'M'},"
                + "'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'Next':'Par'},"
                + "'Par':{'Type':'Parallel','Branches':[{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}],'Next':'S'},"
                + "'S':{'Type':'Succeed'},'F':{'Type':'Fail','Error':'Failed','Cause':'see $.error'}}}"));

        assertThat(machine.definition().path("StartAt").asText()).isEqualTo("P");
    }
}
