package io.msgflow.benchmarks.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Rates of the measured rounds of one candidate: median, minimum and maximum. */
public final class Rates {
    private final List<Double> perSecond = new ArrayList<>();

    public void add(long items, long nanos) {
        perSecond.add(items / (nanos / 1e9));
    }

    public double median() {
        return median(perSecond);
    }

    public double min() {
        return Collections.min(measured(perSecond));
    }

    public double max() {
        return Collections.max(measured(perSecond));
    }

    /** The rate of each round, in the order they were added. */
    public List<Double> perRound() {
        return List.copyOf(perSecond);
    }

    public int rounds() {
        return perSecond.size();
    }

    /** The median of some values, at least one. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(measured(values));
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Double> measured(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no round was measured");
        }
        return values;
    }
}
