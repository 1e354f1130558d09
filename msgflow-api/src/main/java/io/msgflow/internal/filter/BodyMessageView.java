package io.msgflow.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A message body as SNS filters it: a JSON object whose nested keys a nested policy follows.
 * Arrays on the way are looked through (a policy key under an array of objects reaches the key
 * of every element), and an array at the end gives all its scalar elements as values (an empty
 * array is present with no value). A key whose value is an object is not a leaf: {@code exists}
 * works on leaves only, so such a key counts as absent for that policy key.
 */
public final class BodyMessageView implements MessageView {
    private final JsonNode root;

    private BodyMessageView(JsonNode root) {
        this.root = root;
    }

    /** The view of a body, or {@code null} when the body is not a JSON object (then nothing matches). */
    public static BodyMessageView of(String body) {
        JsonNode root = PolicyJson.readContent(body);
        return root != null && root.isObject() ? new BodyMessageView(root) : null;
    }

    @Override
    public FieldValues values(List<String> path) {
        Collector collector = new Collector();
        walk(root, path, 0, collector);
        return collector.present ? FieldValues.of(collector.values) : FieldValues.ABSENT;
    }

    @Override
    public boolean isEmpty() {
        return root.isEmpty();
    }

    private static void walk(JsonNode node, List<String> path, int depth, Collector collector) {
        if (depth == path.size()) {
            collector.leaf(node);
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, path, depth, collector);
            }
        } else if (node.isObject()) {
            JsonNode child = node.get(path.get(depth));
            if (child != null) {
                walk(child, path, depth + 1, collector);
            }
        }
    }

    private static final class Collector {
        private boolean present;
        private final List<FieldValue> values = new ArrayList<>(2);

        void leaf(JsonNode node) {
            if (node.isObject()) {
                return;
            }
            present = true;
            JsonLeaves.collect(node, values);
        }
    }
}
