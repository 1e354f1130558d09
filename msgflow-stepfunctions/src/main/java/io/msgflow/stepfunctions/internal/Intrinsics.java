package io.msgflow.stepfunctions.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msgflow.stepfunctions.StatesErrors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of the States Language, {@code States.Name(arg, ...)}: arguments are
 * quoted strings ({@code 'text'}, with {@code \'}, {@code \\}, {@code \{} and {@code \}} escapes),
 * numbers, {@code true}, {@code false}, {@code null}, paths ({@code $.x}, {@code $$.x}) and other
 * intrinsic calls. A call that fails reports {@code States.IntrinsicFailure} naming the function
 * and the rule. Sizes are bounded as Step Functions bounds them (ArrayRange ≤ 1000 items, Hash
 * and Base64 inputs ≤ 10 000 characters).
 */
public final class Intrinsics {
    static final int MAX_ARRAY_RANGE = 1000;
    static final int MAX_TEXT = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> NAMES = Set.of("States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
            "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength",
            "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom",
            "States.MathAdd", "States.StringSplit", "States.UUID");
    private static final Map<String, String> HASHES = Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256",
            "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private Intrinsics() {
    }

    /** Whether {@code text} looks like an intrinsic call (starts with {@code States.}). */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /**
     * Checks the syntax and the function name without evaluating.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public static void check(String text) {
        new Parser(text).whole();
    }

    /**
     * Evaluates the call on {@code input} and {@code context}.
     *
     * @throws StatesFailure {@code States.IntrinsicFailure} when an argument breaks the function's rule
     */
    public static JsonNode evaluate(String text, JsonNode input, JsonNode context) {
        Call call;
        try {
            call = new Parser(text).whole();
        } catch (IllegalArgumentException e) {
            throw new StatesFailure(StatesErrors.INTRINSIC_FAILURE, e.getMessage());
        }
        return call.evaluate(input, context);
    }

    /** An int node when it fits (as Jackson reads small integers), a long node otherwise, so equal numbers compare equal. */
    static JsonNode integerNode(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private interface Arg {
        JsonNode evaluate(JsonNode input, JsonNode context);
    }

    private record Literal(JsonNode value) implements Arg {
        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            return value;
        }
    }

    private record PathArg(JsonPath path) implements Arg {
        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            return path.select(path.isContext() ? context : input).orElseThrow(() -> new StatesFailure(StatesErrors.INTRINSIC_FAILURE,
                    "the path '" + path + "' of an intrinsic function's argument selects nothing in the "
                            + (path.isContext() ? "context object" : "input")));
        }
    }

    private record Call(String name, List<Arg> args) implements Arg {
        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            List<JsonNode> values = new ArrayList<>(args.size());
            args.forEach(a -> values.add(a.evaluate(input, context)));
            return new Evaluation(name, values).run();
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call whole() {
            Call call = call();
            skipSpaces();
            if (pos != text.length()) {
                throw error("unexpected text after the closing ')'");
            }
            return call;
        }

        private IllegalArgumentException error(String rule) {
            return new IllegalArgumentException("the intrinsic function call '" + text + "' is invalid at position " + pos + ": " + rule);
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private Call call() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!NAMES.contains(name)) {
                pos = start;
                throw error("'" + name + "' is not an intrinsic function; they are " + new java.util.TreeSet<>(NAMES));
            }
            if (pos >= text.length() || text.charAt(pos) != '(') {
                throw error("expected '(' after " + name);
            }
            pos++;
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(arg());
                skipSpaces();
                if (pos >= text.length()) {
                    throw error("expected ')' before the end");
                }
                char c = text.charAt(pos++);
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ')' but found '" + c + "'");
                }
                skipSpaces();
            }
        }

        private Arg arg() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("expected an argument before the end");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return new Literal(NODES.textNode(string()));
            }
            if (c == '$') {
                return new PathArg(path());
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return new Literal(word.equals("null") ? NODES.nullNode() : NODES.booleanNode(word.equals("true")));
                }
            }
            return new Literal(number());
        }

        private String string() {
            pos++;
            StringBuilder value = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '\'') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    if ("'{}\\".indexOf(escaped) < 0) {
                        value.append('\\');
                    } else if (escaped == '{' || escaped == '}') {
                        value.append('\\');
                    }
                    value.append(escaped);
                } else {
                    value.append(c);
                }
            }
            if (pos >= text.length()) {
                throw error("a quoted string is not closed");
            }
            pos++;
            return value.toString();
        }

        /** A path runs to the ',' or ')' that ends the argument, outside brackets and quotes. */
        private JsonPath path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                pos++;
            }
            String path = text.substring(start, pos).trim();
            try {
                return JsonPath.parse(path);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private JsonNode number() {
            int start = pos;
            while (pos < text.length() && "-+.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                BigDecimal value = new BigDecimal(text.substring(start, pos));
                return value.scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                        ? integerNode(value.longValueExact()) : NODES.numberNode(value);
            } catch (NumberFormatException | ArithmeticException e) {
                pos = start;
                throw error("expected a quoted string, a number, true, false, null, a path or an intrinsic function");
            }
        }
    }

    /** One function applied to its evaluated arguments. */
    private record Evaluation(String name, List<JsonNode> args) {

        JsonNode run() {
            return switch (name) {
                case "States.Format" -> format();
                case "States.StringToJson" -> stringToJson();
                case "States.JsonToString" -> NODES.textNode(json(arity(1).get(0)));
                case "States.Array" -> array(args);
                case "States.ArrayPartition" -> partition();
                case "States.ArrayContains" -> NODES.booleanNode(contains(arrayArg(arity(2).get(0), 1), args.get(1)));
                case "States.ArrayRange" -> range();
                case "States.ArrayGetItem" -> getItem();
                case "States.ArrayLength" -> NODES.numberNode(arrayArg(arity(1).get(0), 1).size());
                case "States.ArrayUnique" -> unique();
                case "States.Base64Encode" -> NODES.textNode(Base64.getEncoder().encodeToString(
                        bounded(text(arity(1).get(0), 1)).getBytes(StandardCharsets.UTF_8)));
                case "States.Base64Decode" -> base64Decode();
                case "States.Hash" -> hash();
                case "States.JsonMerge" -> merge();
                case "States.MathRandom" -> random();
                case "States.MathAdd" -> mathAdd();
                case "States.StringSplit" -> split();
                case "States.UUID" -> {
                    arity(0);
                    yield NODES.textNode(UUID.randomUUID().toString());
                }
                default -> throw new IllegalStateException(name);
            };
        }

        private StatesFailure fail(String rule) {
            return new StatesFailure(StatesErrors.INTRINSIC_FAILURE, name + ": " + rule);
        }

        private List<JsonNode> arity(int count) {
            if (args.size() != count) {
                throw fail("takes " + count + (count == 1 ? " argument" : " arguments") + ", but was given " + args.size());
            }
            return args;
        }

        private String text(JsonNode value, int position) {
            if (!value.isTextual()) {
                throw fail("argument " + position + " must be a string, but was " + describe(value));
            }
            return value.asText();
        }

        private String bounded(String value) {
            if (value.length() > MAX_TEXT) {
                throw fail("the input must be at most " + MAX_TEXT + " characters, but was " + value.length());
            }
            return value;
        }

        private ArrayNode arrayArg(JsonNode value, int position) {
            if (!value.isArray()) {
                throw fail("argument " + position + " must be an array, but was " + describe(value));
            }
            return (ArrayNode) value;
        }

        private long integer(JsonNode value, int position) {
            if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 0 || !value.canConvertToLong()) {
                throw fail("argument " + position + " must be an integer, but was " + describe(value));
            }
            return value.longValue();
        }

        private JsonNode format() {
            if (args.isEmpty()) {
                throw fail("takes a template and its values, but was given nothing");
            }
            String template = text(args.get(0), 1);
            StringBuilder out = new StringBuilder();
            int next = 1;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '\\' && i + 1 < template.length() && "{}\\".indexOf(template.charAt(i + 1)) >= 0) {
                    out.append(template.charAt(++i));
                } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    if (next >= args.size()) {
                        throw fail("the template has more '{}' than the " + (args.size() - 1) + " values given");
                    }
                    out.append(formatted(args.get(next), next + 1));
                    next++;
                    i++;
                } else {
                    out.append(c);
                }
            }
            if (next != args.size()) {
                throw fail("the template has " + (next - 1) + " '{}' but " + (args.size() - 1) + " values were given");
            }
            return NODES.textNode(out.toString());
        }

        private String formatted(JsonNode value, int position) {
            if (value.isContainerNode()) {
                throw fail("argument " + position + " must be a string, number, boolean or null, but was " + describe(value));
            }
            return value.isTextual() ? value.asText() : value.toString();
        }

        private JsonNode stringToJson() {
            String value = text(arity(1).get(0), 1);
            try {
                return Definitions.MAPPER.readTree(value);
            } catch (JsonProcessingException e) {
                throw fail("argument 1 must hold JSON, but '" + abbreviate(value) + "' does not parse: " + e.getOriginalMessage());
            }
        }

        private static String json(JsonNode value) {
            try {
                return Definitions.MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static ArrayNode array(List<JsonNode> values) {
            ArrayNode array = NODES.arrayNode();
            values.forEach(array::add);
            return array;
        }

        private JsonNode partition() {
            ArrayNode source = arrayArg(arity(2).get(0), 1);
            long size = integer(args.get(1), 2);
            if (size < 1) {
                throw fail("the chunk size must be at least 1, but was " + size);
            }
            ArrayNode chunks = NODES.arrayNode();
            ArrayNode chunk = null;
            for (JsonNode item : source) {
                if (chunk == null || chunk.size() == size) {
                    chunk = chunks.addArray();
                }
                chunk.add(item);
            }
            return chunks;
        }

        private static boolean contains(ArrayNode array, JsonNode value) {
            for (JsonNode item : array) {
                if (item.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        private JsonNode range() {
            long start = integer(arity(3).get(0), 1);
            long end = integer(args.get(1), 2);
            long step = integer(args.get(2), 3);
            if (step == 0) {
                throw fail("the step must not be 0");
            }
            long count = (end - start) / step + 1;
            if (count > MAX_ARRAY_RANGE) {
                throw fail("the range may hold at most " + MAX_ARRAY_RANGE + " items, but would hold " + count);
            }
            ArrayNode array = NODES.arrayNode();
            for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                array.add(integerNode(v));
            }
            return array;
        }

        private JsonNode getItem() {
            ArrayNode array = arrayArg(arity(2).get(0), 1);
            long index = integer(args.get(1), 2);
            if (index < 0 || index >= array.size()) {
                throw fail("the index must be between 0 and " + (array.size() - 1) + ", but was " + index);
            }
            return array.get((int) index);
        }

        private JsonNode unique() {
            Set<JsonNode> seen = new LinkedHashSet<>();
            arrayArg(arity(1).get(0), 1).forEach(seen::add);
            return array(new ArrayList<>(seen));
        }

        private JsonNode base64Decode() {
            String value = bounded(text(arity(1).get(0), 1));
            try {
                return NODES.textNode(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw fail("argument 1 must be Base64, but '" + abbreviate(value) + "' is not: " + e.getMessage());
            }
        }

        private JsonNode hash() {
            JsonNode data = arity(2).get(0);
            String value = bounded(data.isTextual() ? data.asText() : json(data));
            String algorithm = HASHES.get(text(args.get(1), 2).toUpperCase(Locale.ROOT));
            if (algorithm == null) {
                throw fail("the algorithm must be one of " + new java.util.TreeSet<>(HASHES.keySet()) + ", but was '" + args.get(1).asText() + "'");
            }
            try {
                byte[] digest = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
                return NODES.textNode(HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw fail("the JVM lacks " + algorithm);
            }
        }

        private JsonNode merge() {
            JsonNode a = arity(3).get(0);
            JsonNode b = args.get(1);
            if (!a.isObject() || !b.isObject()) {
                throw fail("arguments 1 and 2 must be objects, but were " + describe(a) + " and " + describe(b));
            }
            if (!args.get(2).isBoolean()) {
                throw fail("argument 3 (deep merge) must be a boolean, but was " + describe(args.get(2)));
            }
            if (args.get(2).booleanValue()) {
                throw fail("only a shallow merge (false) is supported, as in Step Functions");
            }
            ObjectNode merged = a.deepCopy();
            merged.setAll((ObjectNode) b.deepCopy());
            return merged;
        }

        private JsonNode random() {
            if (args.size() != 2 && args.size() != 3) {
                throw fail("takes a start, an end and an optional seed, but was given " + args.size() + " arguments");
            }
            long start = integer(args.get(0), 1);
            long end = integer(args.get(1), 2);
            if (end <= start) {
                throw fail("the end (exclusive) must be greater than the start, but were " + start + " and " + end);
            }
            Random random = args.size() == 3 ? new Random(integer(args.get(2), 3)) : ThreadLocalRandom.current();
            return integerNode(start + (long) (random.nextDouble() * (end - start)));
        }

        private JsonNode mathAdd() {
            long a = integer(arity(2).get(0), 1);
            long b = integer(args.get(1), 2);
            try {
                return integerNode(Math.addExact(a, b));
            } catch (ArithmeticException e) {
                throw fail("the sum of " + a + " and " + b + " overflows");
            }
        }

        private JsonNode split() {
            String value = text(arity(2).get(0), 1);
            String delimiters = text(args.get(1), 2);
            if (delimiters.isEmpty()) {
                throw fail("the delimiter must not be empty");
            }
            ArrayNode parts = NODES.arrayNode();
            StringBuilder part = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (delimiters.indexOf(c) >= 0) {
                    addNonEmpty(parts, part);
                } else {
                    part.append(c);
                }
            }
            addNonEmpty(parts, part);
            return parts;
        }

        private static void addNonEmpty(ArrayNode parts, StringBuilder part) {
            if (part.length() > 0) {
                parts.add(part.toString());
                part.setLength(0);
            }
        }

        private static String describe(JsonNode value) {
            return "a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(value.toString());
        }

        private static String abbreviate(String value) {
            return value.length() <= 60 ? value : value.substring(0, 57) + "...";
        }
    }
}
