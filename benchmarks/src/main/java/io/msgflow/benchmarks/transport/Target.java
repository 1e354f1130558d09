package io.msgflow.benchmarks.transport;

/** A target of the benchmark issue and what this run measured for it. */
public record Target(String name, String target, String measured, boolean met) {
}
