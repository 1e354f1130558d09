package io.msgflow.internal.filter;

import java.util.List;

/**
 * One evaluation of a policy against one message: resolves each policy key at most once, however
 * many {@code $or} branches name it. Not thread-safe; made per call.
 */
public final class Evaluation {
    private final MessageView message;
    private final List<List<String>> paths;
    private final FieldValues[] resolved;

    public Evaluation(MessageView message, List<List<String>> paths) {
        this.message = message;
        this.paths = paths;
        this.resolved = new FieldValues[paths.size()];
    }

    public FieldValues field(int index) {
        FieldValues values = resolved[index];
        if (values == null) {
            values = message.values(paths.get(index));
            resolved[index] = values;
        }
        return values;
    }

    public boolean messageIsEmpty() {
        return message.isEmpty();
    }
}
