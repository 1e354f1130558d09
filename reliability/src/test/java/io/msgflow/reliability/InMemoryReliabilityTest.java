package io.msgflow.reliability;

/**
 * The reliability scenarios on the in-memory transport and sink, on a test clock: 1 000 messages
 * per scenario and 100 000 through concurrent consumers (ten times as many with
 * {@code -Dmsgflow.soak=true}).
 */
class InMemoryReliabilityTest extends ReliabilityScenarios {

    @Override
    protected Setup newSetup() {
        return new InMemorySetup(Scale.current());
    }
}
