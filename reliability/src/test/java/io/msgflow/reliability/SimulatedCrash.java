package io.msgflow.reliability;

/**
 * The process dies at this point: nothing after it runs, the batch is not settled. An
 * {@link Error}, so that no {@code catch (RuntimeException)} of the runtime takes it for a
 * failure it could handle.
 */
final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
        super("simulated crash " + where);
    }
}
