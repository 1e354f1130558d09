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
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    public int rounds() {
        return perSecond.size();
    }

    private List<Double> sorted() {
        if (perSecond.isEmpty()) {
            throw new IllegalStateException("no round was measured");
        }
        List<Double> sorted = new ArrayList<>(perSecond);
        Collections.sort(sorted);
        return sorted;
    }
}
