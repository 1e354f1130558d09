package io.msgflow.stepfunctions;

import static io.msgflow.stepfunctions.Json.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.msgflow.InvalidConfigurationException;
import io.msgflow.inmemory.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Executing each state type and field as the States Language specification defines them, on a test clock. */
class StateMachineRunnerTest {
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private final TestClock clock = TestClock.create();
    private final List<Instant> calls = new ArrayList<>();

    private StateMachineRunner.Builder runner() {
        return StateMachineRunner.builder().clock(clock).waiter(TestWaiters.advancing(clock));
    }

    private ExecutionResult run(StateMachineRunner.Builder runner, String definition, String input) {
        return runner.build().execute(StateMachine.parse(Json.quote(definition)), of(input));
    }

    private ExecutionResult run(String definition, String input) {
        return run(runner(), definition, input);
    }

    private static String single(String state) {
        return "{'StartAt':'S','States':{'S':" + state + "}}";
    }

    @Test
    void passPlacesItsResultAtResultPathAndFiltersWithInputAndOutputPath() {
        ExecutionResult result = run(single("{'Type':'Pass','InputPath':'$.in','Result':{'x':1},'ResultPath':'$.r','OutputPath':'$.r','End':true}"),
                "{'in':{'keep':true},'other':2}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).contains(of("{'x':1}"));
    }

    @Test
    void resultPathMergesIntoTheRawInputNotTheEffectiveInput() {
        ExecutionResult result = run(single("{'Type':'Pass','InputPath':'$.in','ResultPath':'$.copy','End':true}"), "{'in':{'a':1},'b':2}");

        assertThat(result.output()).contains(of("{'in':{'a':1},'b':2,'copy':{'a':1}}"));
    }

    @Test
    void nullPathsMeanAnEmptyInputAndKeepingTheInputAndAnEmptyOutput() {
        assertThat(run(single("{'Type':'Pass','InputPath':null,'End':true}"), "{'a':1}").output()).contains(of("{}"));
        assertThat(run(single("{'Type':'Pass','Result':5,'ResultPath':null,'End':true}"), "{'a':1}").output()).contains(of("{'a':1}"));
        assertThat(run(single("{'Type':'Pass','OutputPath':null,'End':true}"), "{'a':1}").output()).contains(of("{}"));
    }

    @Test
    void parametersResolvePathsContextAndIntrinsicsInNestedObjectsAndArrays() {
        ExecutionResult result = run(runner().stateMachineArn("arn:aws:states:eu-west-1:123456789012:stateMachine:orders"),
                single("{'Type':'Pass','Parameters':{'id.$':'$.id','fixed':'v','nested':{'n.$':'$.n'},'list':[{'l.$':'$.id'}],"
                        + "'machine.$':'$$.StateMachine.Name','state.$':'$$.State.Name','text.$':'States.Format(`order {} of {}`, $.id, $.n)'},"
                        + "'End':true}"),
                "{'id':'o-1','n':3}");

        assertThat(result.output()).contains(of("{'id':'o-1','fixed':'v','nested':{'n':3},'list':[{'l':'o-1'}],'machine':'orders','state':'S',"
                + "'text':'order o-1 of 3'}"));
    }

    @Test
    void aParameterPathThatSelectsNothingFailsWithParameterPathFailure() {
        ExecutionResult result = run(single("{'Type':'Pass','Parameters':{'x.$':'$.missing'},'End':true}"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains(StatesErrors.PARAMETER_PATH_FAILURE);
        assertThat(result.cause().orElseThrow()).contains("$.missing", "x.$");
    }

    @Test
    void anInputPathThatSelectsNothingIsARuntimeErrorThatNoCatcherCatches() {
        ExecutionResult result = run(runner().function("f", p -> p),
                single("{'Type':'Task','Resource':'" + FN + "f','InputPath':'$.missing','Catch':[{'ErrorEquals':['States.ALL'],'Next':'C'}],"
                        + "'End':true},'C':{'Type':'Succeed'}").replace("}}", "}}"),
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains(StatesErrors.RUNTIME);
    }

    @Test
    void lambdaInvokeSendsPayloadAndReturnsTheServiceResponseWithPayload() {
        List<JsonNode> payloads = new ArrayList<>();
        ExecutionResult result = run(runner().function("publish", p -> {
            payloads.add(p);
            return of("{'ids':['a','b']}");
        }), single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'" + FN + "publish:$LATEST',"
                + "'Payload.$':'$'},'ResultSelector':{'count.$':'States.ArrayLength($.Payload.ids)','status.$':'$.StatusCode'},"
                + "'ResultPath':'$.published','End':true}"), "{'samples':2}");

        assertThat(payloads).containsExactly(of("{'samples':2}"));
        assertThat(result.output()).contains(of("{'samples':2,'published':{'count':2,'status':200}}"));
        assertThat(result.events(HistoryEventType.TaskScheduled)).singleElement()
                .satisfies(e -> assertThat(e.details().path("resourceType").asText()).isEqualTo("lambda"));
        assertThat(result.events(HistoryEventType.TaskSucceeded)).singleElement()
                .satisfies(e -> assertThat(e.details().at("/output/Payload/ids")).isEqualTo(of("['a','b']")));
    }

    @Test
    void aPlainFunctionArnGetsTheEffectiveInputAndItsOutputIsTheResult() {
        ExecutionResult result = run(runner().function(FN + "double", p -> JsonNodeFactory.instance.numberNode(p.path("v").asInt() * 2)),
                single("{'Type':'Task','Resource':'" + FN + "double','Parameters':{'v.$':'$.n'},'End':true}"), "{'n':21}");

        assertThat(result.output()).contains(of("42"));
        assertThat(result.events(HistoryEventType.LambdaFunctionSucceeded)).hasSize(1);
    }

    @Test
    void aFunctionsErrorBecomesTheStatesErrorNamedByItsErrorType() {
        ExecutionResult thrown = run(runner().function("f", p -> {
            throw new IllegalStateException("database down");
        }), single("{'Type':'Task','Resource':'" + FN + "f','End':true}"), "{}");
        ExecutionResult reported = run(runner().function("f", p -> {
            throw new FunctionError("OrderRejected", "too large");
        }), single("{'Type':'Task','Resource':'" + FN + "f','End':true}"), "{}");

        assertThat(thrown.error()).contains("java.lang.IllegalStateException");
        assertThat(of(thrown.cause().orElseThrow())).isEqualTo(of("{'errorMessage':'database down','errorType':'java.lang.IllegalStateException'}"));
        assertThat(reported.error()).contains("OrderRejected");
        assertThat(reported.events(HistoryEventType.LambdaFunctionFailed)).hasSize(1);
    }

    @Test
    void anUnknownFunctionFailsWithResourceNotFound() {
        ExecutionResult result = run(single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'nope'},'End':true}"),
                "{}");

        assertThat(result.error()).contains("Lambda.ResourceNotFoundException");
    }

    private LambdaFunction failingTimes(int failures, String errorType) {
        AtomicInteger count = new AtomicInteger();
        return p -> {
            calls.add(clock.instant());
            if (count.incrementAndGet() <= failures) {
                throw new FunctionError(errorType, "attempt " + count.get());
            }
            return of("{'ok':true}");
        };
    }

    @Test
    void retryWaitsIntervalTimesBackoffRateToTheAttemptThenSucceeds() {
        ExecutionResult result = run(runner().function("f", failingTimes(3, "Lambda.ServiceException")),
                single("{'Type':'Task','Resource':'" + FN + "f','Retry':[{'ErrorEquals':['Lambda.ServiceException'],'IntervalSeconds':2,"
                        + "'MaxAttempts':3,'BackoffRate':2}],'End':true}"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(gaps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(result.events(HistoryEventType.LambdaFunctionFailed)).extracting(e -> e.details().path("retry").path("attempt").asInt())
                .containsExactly(1, 2, 3);
    }

    @Test
    void retryDelaysStopAtMaxDelaySecondsAndFullJitterNeverExceedsThem() {
        run(runner().function("f", failingTimes(4, "E")), single("{'Type':'Task','Resource':'" + FN + "f','Retry':[{'ErrorEquals':['E'],"
                + "'IntervalSeconds':3,'MaxAttempts':4,'BackoffRate':3,'MaxDelaySeconds':10}],'End':true}"), "{}");
        assertThat(gaps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(9), Duration.ofSeconds(10), Duration.ofSeconds(10));

        calls.clear();
        run(runner().function("f", failingTimes(3, "E")), single("{'Type':'Task','Resource':'" + FN + "f','Retry':[{'ErrorEquals':['E'],"
                + "'IntervalSeconds':4,'MaxAttempts':3,'BackoffRate':1,'JitterStrategy':'FULL'}],'End':true}"), "{}");
        assertThat(gaps()).hasSize(3).allSatisfy(gap -> assertThat(gap).isBetween(Duration.ZERO, Duration.ofSeconds(4)));
    }

    private List<Duration> gaps() {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            gaps.add(Duration.between(calls.get(i - 1), calls.get(i)));
        }
        return gaps;
    }

    @Test
    void theFirstMatchingRetrierDecidesAndOnceSpentTheCatchersAreTried() {
        ExecutionResult result = run(runner().function("f", failingTimes(10, "Permanent")),
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f','Retry':[{'ErrorEquals':['Permanent'],'MaxAttempts':0},"
                        + "{'ErrorEquals':['States.ALL'],'MaxAttempts':5}],'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error',"
                        + "'Next':'Handled'}],'End':true},'Handled':{'Type':'Pass','End':true}}}", "{'in':1}");

        assertThat(calls).hasSize(1);
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().orElseThrow().path("in").asInt()).isEqualTo(1);
        assertThat(result.output().orElseThrow().path("error").path("Error").asText()).isEqualTo("Permanent");
        assertThat(result.statesEntered()).containsExactly("T", "Handled");
    }

    @Test
    void taskFailedMatchesFunctionErrorsButNotTimeouts() {
        assertThat(StatesErrors.matches(StatesErrors.TASK_FAILED, "java.lang.RuntimeException")).isTrue();
        assertThat(StatesErrors.matches(StatesErrors.TASK_FAILED, StatesErrors.TIMEOUT)).isFalse();
        assertThat(StatesErrors.matches(StatesErrors.ALL, StatesErrors.TIMEOUT)).isTrue();
        assertThat(StatesErrors.matches(StatesErrors.ALL, StatesErrors.RUNTIME)).isFalse();
        assertThat(StatesErrors.matches(StatesErrors.ALL, StatesErrors.DATA_LIMIT_EXCEEDED)).isFalse();
    }

    @Test
    void aTaskThatOutrunsTimeoutSecondsFailsWithStatesTimeout() {
        ExecutionResult result = run(runner().function("slow", p -> {
            clock.advance(Duration.ofSeconds(11));
            return p;
        }), "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "slow','TimeoutSeconds':10,"
                + "'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Wrong'},{'ErrorEquals':['States.Timeout'],'Next':'TimedOut'}],'End':true},"
                + "'Wrong':{'Type':'Fail'},'TimedOut':{'Type':'Succeed'}}}", "{}");

        assertThat(result.statesEntered()).containsExactly("T", "TimedOut");
        assertThat(result.events(HistoryEventType.LambdaFunctionTimedOut)).hasSize(1);
    }

    @Test
    void aCatcherWithoutResultPathReplacesTheInputWithTheErrorOutput() {
        ExecutionResult result = run(runner().function("f", failingTimes(1, "Boom")),
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + FN + "f','Catch':[{'ErrorEquals':['Boom'],'Next':'N'}],'End':true},"
                        + "'N':{'Type':'Pass','End':true}}}", "{'x':1}");

        assertThat(result.output().orElseThrow().fieldNames()).toIterable().containsExactly("Error", "Cause");
    }

    @Test
    void choiceFollowsTheFirstMatchingRuleThenTheDefaultElseFailsWithNoChoiceMatched() {
        String definition = "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                + "{'And':[{'Variable':'$.failed','NumericGreaterThan':0},{'Not':{'Variable':'$.mode','StringEquals':'lenient'}}],'Next':'Bad'},"
                + "{'Variable':'$.remaining','NumericGreaterThanPath':'$.limit','Next':'More'}],'Default':'Good'},"
                + "'Bad':{'Type':'Fail','Error':'Failed'},'More':{'Type':'Succeed'},'Good':{'Type':'Succeed'}}}";

        assertThat(run(definition, "{'failed':1,'mode':'strict','remaining':0,'limit':0}").error()).contains("Failed");
        assertThat(run(definition, "{'failed':1,'mode':'lenient','remaining':5,'limit':0}").statesEntered()).containsExactly("C", "More");
        assertThat(run(definition, "{'failed':0,'remaining':0,'limit':0}").statesEntered()).containsExactly("C", "Good");
        assertThat(run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'D'}]},"
                + "'D':{'Type':'Succeed'}}}", "{}").error())
                .contains(StatesErrors.NO_CHOICE_MATCHED);
    }

    @Test
    void aChoiceVariableThatSelectsNothingIsARuntimeError() {
        ExecutionResult result = run("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.missing','StringEquals':'x',"
                + "'Next':'D'}],'Default':'D'},'D':{'Type':'Succeed'}}}", "{}");

        assertThat(result.error()).contains(StatesErrors.RUNTIME);
    }

    @Test
    void waitStatesWaitOnTheClockForSecondsTimestampAndTheirPaths() {
        Instant start = clock.instant();
        ExecutionResult result = run("{'StartAt':'A','States':{"
                + "'A':{'Type':'Wait','Seconds':10,'Next':'B'},"
                + "'B':{'Type':'Wait','SecondsPath':'$.s','Next':'C'},"
                + "'C':{'Type':'Wait','Timestamp':'" + start.plusSeconds(100) + "','Next':'D'},"
                + "'D':{'Type':'Wait','TimestampPath':'$.t','End':true}}}", "{'s':5,'t':'" + start.plusSeconds(3600) + "'}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.events(HistoryEventType.WaitStateExited)).extracting(HistoryEvent::timestamp)
                .containsExactly(start.plusSeconds(10), start.plusSeconds(15), start.plusSeconds(100), start.plusSeconds(3600));
    }

    @Test
    void failReportsItsErrorAndCauseOrThoseItsPathsSelect() {
        ExecutionResult fixed = run(single("{'Type':'Fail','Error':'Oops','Cause':'because'}"), "{}");
        ExecutionResult byPath = run(single("{'Type':'Fail','ErrorPath':'$.e','CausePath':'States.Format(`n={}`, $.n)'}"), "{'e':'E1','n':2}");

        assertThat(fixed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(fixed.error()).contains("Oops");
        assertThat(fixed.cause()).contains("because");
        assertThat(byPath.error()).contains("E1");
        assertThat(byPath.cause()).contains("n=2");
        assertThat(fixed.history()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.ExecutionStarted,
                HistoryEventType.FailStateEntered, HistoryEventType.ExecutionFailed);
    }

    @Test
    void parallelReturnsEachBranchsOutputInBranchOrder() {
        ExecutionResult result = run(single("{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Pass','Result':'a','End':true}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Pass','InputPath':'$.x','End':true}}}],'ResultPath':'$.out','End':true}"), "{'x':7}");

        assertThat(result.output()).contains(of("{'x':7,'out':['a',7]}"));
    }

    @Test
    void aFailingBranchFailsTheParallelStateAndStopsTheOtherBranches() {
        CountDownLatch waiting = new CountDownLatch(1);
        Waiter untilStopped = TestWaiters.untilStopped();
        StateMachineRunner.Builder runner = runner().waiter((deadline, stop) -> {
            waiting.countDown();
            untilStopped.await(deadline, stop);
        }).function("breaker", p -> {
            await(waiting);
            throw new FunctionError("BranchBroke", "no");
        });

        ExecutionResult result = run(runner, "{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'Slow','States':{'Slow':{'Type':'Wait','Seconds':3600,'Next':'After'},'After':{'Type':'Pass','End':true}}},"
                + "{'StartAt':'Broken','States':{'Broken':{'Type':'Task','Resource':'" + FN + "breaker','End':true}}}],"
                + "'Catch':[{'ErrorEquals':['BranchBroke'],'Next':'Caught'}],'End':true},'Caught':{'Type':'Succeed'}}}", "{}");

        assertThat(result.statesEntered()).contains("Slow", "Broken", "Caught").doesNotContain("After");
        assertThat(result.events(HistoryEventType.WaitStateAborted)).hasSize(1);
        assertThat(result.events(HistoryEventType.ParallelStateFailed)).singleElement()
                .satisfies(e -> assertThat(e.detail("error")).contains("BranchBroke"));
        assertThat(clock.instant()).as("nothing waited out the hour").isEqualTo(TestClock.DEFAULT_START);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void mapRunsTheProcessorPerItemWithItemSelectorAndTheMapContext() {
        ExecutionResult result = run(single("{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,"
                + "'ItemSelector':{'value.$':'$$.Map.Item.Value','index.$':'$$.Map.Item.Index','prefix.$':'$.prefix'},"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'F','States':{'F':{'Type':'Pass',"
                + "'Parameters':{'s.$':'States.Format(`{}{}-{}`, $.prefix, $.value, $.index)'},'OutputPath':'$.s','End':true}}},"
                + "'End':true}"), "{'prefix':'p','items':['a','b','c']}");

        assertThat(result.output()).contains(of("['pa-0','pb-1','pc-2']"));
        assertThat(result.events(HistoryEventType.MapIterationSucceeded)).hasSize(3);
    }

    @Test
    void aFailingIterationFailsTheMap() {
        ExecutionResult result = run(single("{'Type':'Map','Iterator':{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                + "{'Variable':'$','NumericEquals':2,'Next':'Bad'}],'Default':'Ok'},'Bad':{'Type':'Fail','Error':'Two'},'Ok':{'Type':'Succeed'}}},"
                + "'End':true}"), "[1,2,3]");

        assertThat(result.error()).contains("Two");
        assertThat(result.events(HistoryEventType.MapStateFailed)).hasSize(1);
    }

    @Test
    void anOutputAbove256KibFailsWithDataLimitExceededWhichNothingCatches() {
        String big = "x".repeat(140_000);
        ExecutionResult result = run("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'C'}],'End':true},'C':{'Type':'Succeed'}}}", "{'big':'" + big + "'}");

        assertThat(result.error()).contains(StatesErrors.DATA_LIMIT_EXCEEDED);
        assertThat(result.statesEntered()).doesNotContain("C");
    }

    @Test
    void aLoopWithoutExitEndsAtTheHistoryLimit() {
        ExecutionResult result = run(runner().maxHistoryEvents(500), "{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},"
                + "'B':{'Type':'Choice','Choices':[{'Variable':'$.stop','IsPresent':true,'Next':'E'}],'Default':'A'},'E':{'Type':'Succeed'}}}", "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).contains(StatesErrors.RUNTIME);
        assertThat(result.cause().orElseThrow()).contains("500 events");
        assertThat(result.history()).hasSizeLessThanOrEqualTo(501);
    }

    @Test
    void theDefinitionsTimeoutSecondsTimesTheExecutionOut() {
        ExecutionResult result = run("{'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'X'},"
                + "'X':{'Type':'Succeed'}}}", "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.error()).contains(StatesErrors.TIMEOUT);
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anInterruptedWaitAbortsTheExecutionAndKeepsTheInterrupt() {
        ExecutionResult result = run(runner().waiter((deadline, stop) -> {
            throw new InterruptedException("stop");
        }), single("{'Type':'Wait','Seconds':10,'End':true}"), "{}");

        assertThat(Thread.interrupted()).as("the interrupt flag is kept (and cleared here)").isTrue();
        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(result.events(HistoryEventType.ExecutionAborted)).hasSize(1);
    }

    @Test
    void theContextObjectNamesTheExecutionAndTheRetryCount() {
        List<JsonNode> seen = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        StateMachineRunner.Builder runner = runner().function("f", p -> {
            seen.add(p);
            if (attempts.incrementAndGet() == 1) {
                throw new FunctionError("Again", "once");
            }
            return p;
        });
        ExecutionResult result = runner.build().execute(StateMachine.parse(Json.quote(single("{'Type':'Task','Resource':'" + FN + "f',"
                + "'Parameters':{'name.$':'$$.Execution.Name','retry.$':'$$.State.RetryCount','input.$':'$$.Execution.Input.k'},"
                + "'Retry':[{'ErrorEquals':['Again']}],'End':true}"))), of("{'k':'v'}"), "run-1");

        assertThat(result.succeeded()).isTrue();
        assertThat(seen).containsExactly(of("{'name':'run-1','retry':0,'input':'v'}"), of("{'name':'run-1','retry':1,'input':'v'}"));
    }

    @Test
    void theHistoryListsStatesAndTasksAsTheConsoleDoes() {
        ExecutionResult result = run(runner().function("f", p -> p), single("{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'f'},'OutputPath':'$.Payload','End':true}"), "{}");

        assertThat(result.history()).extracting(HistoryEvent::type).containsExactly(HistoryEventType.ExecutionStarted,
                HistoryEventType.TaskStateEntered, HistoryEventType.TaskScheduled, HistoryEventType.TaskStarted, HistoryEventType.TaskSucceeded,
                HistoryEventType.TaskStateExited, HistoryEventType.ExecutionSucceeded);
        assertThat(result.history()).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(result.history()).extracting(HistoryEvent::previousEventId).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aResourceWithoutHandlerIsRefusedBeforeRunningAndARegisteredOneRuns() {
        String definition = single("{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage','Parameters':{'MessageBody.$':'$'},'End':true}");

        assertThatThrownBy(() -> run(definition, "{}")).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("arn:aws:states:::sqs:sendMessage").hasMessageContaining("'S'");
        assertThat(run(runner().resource("arn:aws:states:::sqs:sendMessage", (r, in) -> of("{'MessageId':'m'}")), definition, "{}").output())
                .contains(of("{'MessageId':'m'}"));
    }

    @Test
    void theFormatterPrintsEventsWithElapsedTimeRetriesAndTheOutcome() {
        ExecutionResult result = run(runner().function("f", failingTimes(1, "Lambda.ServiceException")),
                single("{'Type':'Task','Resource':'" + FN + "f','Retry':[{'ErrorEquals':['Lambda.ServiceException'],'IntervalSeconds':2}],'End':true}"),
                "{}");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        HistoryFormatter.print(result, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("LambdaFunctionFailed", "Lambda.ServiceException", "retry 1 of 3 in 2.000 s", "+2.000 s", "TaskStateExited",
                "SUCCEEDED in 2.000 s");
    }
}
