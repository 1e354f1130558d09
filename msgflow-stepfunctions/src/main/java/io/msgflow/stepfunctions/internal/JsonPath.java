package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A JSONPath as the States Language uses it: {@code $} (the state's input) or {@code $$} (the
 * context object), then {@code .name}, {@code ['name']}, {@code [n]} (negative from the end),
 * {@code [*]}, {@code .*}, {@code ..name}, unions {@code [a,b]}, slices {@code [a:b:c]} and
 * filters {@code [?(@.x > 1 && @.y)]}. A <i>reference path</i> uses only names and indices and
 * always selects at most one node. A definite path selects one node or nothing; any other selects
 * an array of every match, in document order (as the Jayway implementation Step Functions uses).
 * Immutable and thread-safe.
 */
public final class JsonPath {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final boolean context;
    private final List<Segment> segments;

    private JsonPath(String text, boolean context, List<Segment> segments) {
        this.text = text;
        this.context = context;
        this.segments = List.copyOf(segments);
    }

    /**
     * @throws IllegalArgumentException naming the rule the text breaks
     */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("a path must start with '$' (or '$$' for the context object), but was '" + text + "'");
        }
        Cursor cursor = new Cursor(text, text.startsWith("$$") ? 2 : 1);
        List<Segment> segments = cursor.segments(false);
        if (!cursor.atEnd()) {
            throw cursor.error("unexpected '" + text.charAt(cursor.pos) + "'");
        }
        return new JsonPath(text, text.startsWith("$$"), segments);
    }

    /** Whether {@code text} is a path this class parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether it refers to the context object ({@code $$}). */
    public boolean isContext() {
        return context;
    }

    /** Only names and indices: selects at most one node. */
    public boolean isReferencePath() {
        return segments.stream().allMatch(s -> s instanceof Name || s instanceof Index);
    }

    /** The root alone ({@code $} or {@code $$}). */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * What the path selects in {@code root}: the node for a reference path (empty when missing),
     * an array of every match otherwise (possibly empty).
     */
    public Optional<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                segment.apply(node, root, next);
            }
            current = next;
        }
        if (isReferencePath()) {
            return current.isEmpty() ? Optional.empty() : Optional.of(current.get(0));
        }
        ArrayNode all = NODES.arrayNode();
        current.forEach(all::add);
        return Optional.of(all);
    }

    /**
     * {@code root} with {@code value} placed where this reference path points, creating missing
     * objects on the way; {@code root} itself is not changed.
     *
     * @throws IllegalStateException when the path crosses a node that is not an object (or an
     *         array index that does not exist)
     */
    public JsonNode assign(JsonNode root, JsonNode value) {
        if (!isReferencePath()) {
            throw new IllegalStateException("'" + text + "' is not a reference path");
        }
        if (segments.isEmpty()) {
            return value;
        }
        JsonNode copy = root.deepCopy();
        JsonNode current = copy;
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            Segment segment = segments.get(i);
            if (segment instanceof Name name) {
                if (!(current instanceof ObjectNode object)) {
                    throw new IllegalStateException(cannot(i, current));
                }
                if (last) {
                    object.set(name.name(), value);
                    return copy;
                }
                JsonNode child = object.get(name.name());
                if (child == null) {
                    child = object.putObject(name.name());
                }
                current = child;
            } else {
                int index = ((Index) segment).index();
                if (!(current instanceof ArrayNode array) || resolve(index, array.size()) < 0) {
                    throw new IllegalStateException(cannot(i, current));
                }
                if (last) {
                    array.set(resolve(index, array.size()), value);
                    return copy;
                }
                current = array.get(resolve(index, array.size()));
            }
        }
        return copy;
    }

    private String cannot(int segment, JsonNode node) {
        return "the path '" + text + "' cannot be applied: at " + segments.get(segment) + " the input holds a JSON "
                + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a container for it";
    }

    private static int resolve(int index, int size) {
        int i = index < 0 ? size + index : index;
        return i >= 0 && i < size ? i : -1;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One step of a path: adds what it selects from {@code node} to {@code out}. */
    private interface Segment {
        void apply(JsonNode node, JsonNode root, List<JsonNode> out);
    }

    private record Name(String name) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isObject() && node.has(name)) {
                out.add(node.get(name));
            }
        }

        @Override
        public String toString() {
            return "'" + name + "'";
        }
    }

    private record Index(int index) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isArray() && resolve(index, node.size()) >= 0) {
                out.add(node.get(resolve(index, node.size())));
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    private record Wildcard() implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        }
    }

    /** {@code ..}: the node and all its descendants, to which the next segment applies. */
    private record DeepScan() implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            out.add(node);
            if (node.isContainerNode()) {
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    apply(it.next(), root, out);
                }
            }
        }
    }

    private record Union(List<Segment> members) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            members.forEach(m -> m.apply(node, root, out));
        }
    }

    private record Slice(Integer start, Integer end, int step) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (!node.isArray()) {
                return;
            }
            int size = node.size();
            int from = clamp(start == null ? 0 : start, size);
            int to = clamp(end == null ? size : end, size);
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        }

        private static int clamp(int value, int size) {
            int v = value < 0 ? size + value : value;
            return Math.max(0, Math.min(size, v));
        }
    }

    private record Filter(FilterExpression expression) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (!node.isContainerNode()) {
                return;
            }
            node.elements().forEachRemaining(element -> {
                if (expression.test(element, root)) {
                    out.add(element);
                }
            });
        }
    }

    /** Reads segments (and filter expressions) from the text. */
    static final class Cursor {
        final String text;
        int pos;

        Cursor(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        boolean startsWith(String prefix) {
            return text.startsWith(prefix, pos);
        }

        IllegalArgumentException error(String rule) {
            return new IllegalArgumentException("the path '" + text + "' is invalid at position " + pos + ": " + rule);
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        /** Segments until the end, or (inside a filter) until a character that cannot continue a path. */
        List<Segment> segments(boolean inFilter) {
            List<Segment> segments = new ArrayList<>();
            while (!atEnd()) {
                if (startsWith("..")) {
                    pos += 2;
                    segments.add(new DeepScan());
                    if (peek() == '[') {
                        continue;
                    }
                    segments.add(dotted());
                } else if (peek() == '.') {
                    pos++;
                    segments.add(dotted());
                } else if (peek() == '[') {
                    segments.add(bracket());
                } else if (inFilter) {
                    break;
                } else {
                    throw error("expected '.' or '[' but found '" + peek() + "'");
                }
            }
            return segments;
        }

        private Segment dotted() {
            if (peek() == '*') {
                pos++;
                return new Wildcard();
            }
            int start = pos;
            while (!atEnd() && ".[ )=!<>&|,".indexOf(peek()) < 0) {
                pos++;
            }
            if (pos == start) {
                throw error("a field name must follow '.'");
            }
            return new Name(text.substring(start, pos));
        }

        private Segment bracket() {
            pos++;
            skipSpaces();
            Segment segment;
            if (peek() == '*') {
                pos++;
                segment = new Wildcard();
            } else if (startsWith("?(")) {
                pos += 2;
                FilterExpression expression = FilterExpression.parse(this);
                skipSpaces();
                expect(')');
                segment = new Filter(expression);
            } else if (peek() == '\'' || peek() == '"') {
                segment = names();
            } else {
                segment = numbers();
            }
            skipSpaces();
            expect(']');
            return segment;
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'" + (atEnd() ? " before the end" : " but found '" + peek() + "'"));
            }
            pos++;
        }

        private Segment names() {
            List<Segment> names = new ArrayList<>();
            do {
                skipSpaces();
                names.add(new Name(quoted()));
                skipSpaces();
            } while (peek() == ',' && pos++ >= 0);
            return names.size() == 1 ? names.get(0) : new Union(names);
        }

        String quoted() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted name");
            }
            pos++;
            StringBuilder name = new StringBuilder();
            while (!atEnd() && peek() != quote) {
                if (peek() == '\\' && pos + 1 < text.length()) {
                    pos++;
                }
                name.append(text.charAt(pos++));
            }
            expect(quote);
            return name.toString();
        }

        private Segment numbers() {
            Integer first = optionalInt();
            skipSpaces();
            if (peek() == ':') {
                pos++;
                Integer end = optionalInt();
                int step = 1;
                if (peek() == ':') {
                    pos++;
                    Integer s = optionalInt();
                    step = s == null ? 1 : s;
                    if (step < 1) {
                        throw error("a slice step must be at least 1, but was " + step);
                    }
                }
                return new Slice(first, end, step);
            }
            if (first == null) {
                throw error("expected an index, a quoted name, '*', a slice or a filter '?(...)'");
            }
            List<Segment> indexes = new ArrayList<>(List.of(new Index(first)));
            while (peek() == ',') {
                pos++;
                Integer next = optionalInt();
                if (next == null) {
                    throw error("expected an index after ','");
                }
                indexes.add(new Index(next));
                skipSpaces();
            }
            return indexes.size() == 1 ? indexes.get(0) : new Union(indexes);
        }

        private Integer optionalInt() {
            skipSpaces();
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && text.charAt(start) == '-')) {
                pos = start;
                return null;
            }
            try {
                return Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("the index " + text.substring(start, pos) + " is out of range");
            }
        }

        /** A path relative to {@code @} or {@code $} inside a filter. */
        JsonPath relativePath() {
            int start = pos;
            pos++;
            List<Segment> segments = segments(true);
            return new JsonPath(text.substring(start, pos), false, segments);
        }
    }
}
