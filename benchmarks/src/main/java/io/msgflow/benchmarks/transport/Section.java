package io.msgflow.benchmarks.transport;

import java.util.List;

/** One part's results: Markdown text (tables and notes) and the targets it decides. */
public record Section(String title, String markdown, List<Target> targets) {
    public Section {
        targets = List.copyOf(targets);
    }
}
