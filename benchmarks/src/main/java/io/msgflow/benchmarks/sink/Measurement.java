package io.msgflow.benchmarks.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The measured writes of one candidate in one scenario. */
final class Measurement {
    private final Candidate candidate;
    private final List<Double> rowsPerSecond = new ArrayList<>();

    Measurement(Candidate candidate) {
        this.candidate = candidate;
    }

    Candidate candidate() {
        return candidate;
    }

    void add(int rows, long nanos) {
        rowsPerSecond.add(rows / (nanos / 1e9));
    }

    int rounds() {
        return rowsPerSecond.size();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(rowsPerSecond.size() - 1);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(rowsPerSecond);
        Collections.sort(sorted);
        return sorted;
    }
}
