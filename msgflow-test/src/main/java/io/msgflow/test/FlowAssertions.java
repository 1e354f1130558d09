package io.msgflow.test;

/**
 * AssertJ entry point for a {@link FlowHarness}: {@code assertThat(harness).consumed(OrderPlaced.class)...}.
 * Needs AssertJ on the test class path (msgflow-test declares it optional). Every failure
 * message ends with the traffic timeline of the test.
 */
public final class FlowAssertions {
    private FlowAssertions() {
    }

    public static FlowHarnessAssert assertThat(FlowHarness harness) {
        return new FlowHarnessAssert(harness);
    }
}
