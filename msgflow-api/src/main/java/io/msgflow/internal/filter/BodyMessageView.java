package io.msgflow.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A message body as SNS filters it: a JSON object whose nested keys a nested policy follows. A
 * policy path is a dotted path ({@code "object.nested.test"}, or nested policy keys): it resolves
 * through nested objects, through body keys that contain the dots literally, and through every mix
 * of the two, as SNS does (behaviour recorded against AWS).
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
        walk(root, segments(path), 0, collector);
        return collector.present ? FieldValues.of(collector.values) : FieldValues.ABSENT;
    }

    @Override
    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** The policy path as dot-separated segments: {@code ["detail", "customer.tier"]} is detail, customer, tier. */
    private static String[] segments(List<String> path) {
        List<String> segments = new ArrayList<>(path.size() + 2);
        for (String key : path) {
            segments.addAll(Arrays.asList(key.split("\\.", -1)));
        }
        return segments.toArray(new String[0]);
    }

    private static void walk(JsonNode node, String[] segments, int at, Collector collector) {
        if (at == segments.length) {
            collector.leaf(node);
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, segments, at, collector);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                int consumed = consumes(field.getKey(), segments, at);
                if (consumed > 0) {
                    walk(field.getValue(), segments, at + consumed, collector);
                }
            }
        }
    }

    /**
     * How many segments from {@code at} a body key stands for: 1 for {@code "customer"}, 2 for a key
     * written with a dot ({@code "customer.tier"}), 0 when it is not the next part of the path.
     * Compares in place, so the work is bounded by the length of the key.
     */
    private static int consumes(String key, String[] segments, int at) {
        int position = 0;
        for (int i = at; i < segments.length; i++) {
            String segment = segments[i];
            if (!key.startsWith(segment, position)) {
                return 0;
            }
            position += segment.length();
            if (position == key.length()) {
                return i - at + 1;
            }
            if (key.charAt(position) != '.') {
                return 0;
            }
            position++;
        }
        return 0;
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
