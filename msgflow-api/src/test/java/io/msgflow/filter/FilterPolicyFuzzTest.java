package io.msgflow.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.msgflow.MessageAttribute;
import io.msgflow.MessageValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random hostile policies and messages (numbers with huge exponents and many digits, deep nesting,
 * long strings, many keys): every evaluation ends, and evaluating a policy stays well under a
 * millisecond. Seeded, so a failure replays; the seed is in the assertion message.
 *
 * <p>Timing on a shared, loaded machine: every case is evaluated in three passes over the whole
 * corpus and its fastest run counts. Work that depends on the input (what this test is after) is
 * slow in every pass; a preemption, a GC pause or a burst of load from other processes is
 * correlated in time and hits a case in one pass, not in three passes seconds apart. The p99 of
 * those minima must stay under 1 ms (body parsing included); measured on 2 shared cores it is a
 * few hundred microseconds at most, mostly the parsing of the largest bodies.
 */
class FilterPolicyFuzzTest {
    private static final long SEED = Long.getLong("msgflow.fuzz.seed", 20_261_130L);
    private static final int POLICIES = 1_500;
    private static final int PASSES = 3;
    private static final int MESSAGES_PER_POLICY = 4;
    private static final String[] KEYS = {"a", "b", "c", "a.b", "b.c", "$or", "n", "x.y.z"};
    private static final String[] HOSTILE_NUMBERS = {"1e-100000000", "-1e-100000000", "1e100000000", "0e-100000000",
        "1E-2147483647", "9.999999999999999999999e999999", "-0.0000049999999", "0.000005", "1000000000", "1000000000.000001",
        "123456789012345678901234567890.5e-20"};

    private final Random random = new Random(SEED);

    @Test
    void everyEvaluationEndsAndItsP99StaysUnderAMillisecond() {
        long[] nanos = assertTimeoutPreemptively(Duration.ofMinutes(2), this::evaluateAll, "seed " + SEED);
        long[] measured = nanos.clone();
        Arrays.sort(measured);
        long p99 = measured[(int) (measured.length * 0.99)];
        System.out.printf("filter-policy fuzz, seed %d: %d evaluations, p50 %d ns, p99 %d ns, max %d ns%n", SEED, measured.length,
                measured[measured.length / 2], p99, measured[measured.length - 1]);
        assertThat(measured.length).as("evaluations of compilable policies, seed " + SEED).isGreaterThan(1_000);
        assertThat(p99).as("p99 of evaluation time in ns, seed " + SEED).isLessThan(1_000_000L);
    }

    /** One policy and one message to evaluate it on. */
    private record Case(FilterPolicy policy, Map<String, MessageAttribute> attributes, String body) {
    }

    private long[] evaluateAll() {
        List<Case> cases = cases();
        long[] best = new long[cases.size()];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int pass = 0; pass < PASSES; pass++) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                long start = System.nanoTime();
                c.policy().matches(c.attributes(), c.body());
                best[i] = Math.min(best[i], System.nanoTime() - start);
            }
        }
        return best;
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < POLICIES; i++) {
            boolean body = random.nextBoolean();
            FilterPolicy policy;
            try {
                policy = FilterPolicy.parse(policy(body ? 4 : 1), body ? FilterScope.MESSAGE_BODY : FilterScope.MESSAGE_ATTRIBUTES);
            } catch (InvalidFilterPolicyException e) {
                continue;
            }
            for (int m = 0; m < MESSAGES_PER_POLICY; m++) {
                cases.add(new Case(policy, attributes(), body(random.nextInt(6))));
            }
        }
        return cases;
    }

    private String policy(int depth) {
        StringBuilder json = new StringBuilder("{");
        int keys = 1 + random.nextInt(3);
        for (int k = 0; k < keys; k++) {
            if (k > 0) {
                json.append(',');
            }
            json.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
            if (depth > 1 && random.nextInt(3) == 0) {
                json.append(policy(depth - 1));
            } else {
                json.append(values());
            }
        }
        return json.append('}').toString();
    }

    private String values() {
        StringBuilder json = new StringBuilder("[");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            json.append(i > 0 ? "," : "").append(condition());
        }
        return json.append(']').toString();
    }

    private String condition() {
        return switch (random.nextInt(11)) {
            case 0 -> number();
            case 1 -> "{\"prefix\":" + string() + "}";
            case 2 -> "{\"suffix\":" + string() + "}";
            case 3 -> "{\"equals-ignore-case\":" + string() + "}";
            case 4 -> "{\"wildcard\":\"" + "*".repeat(random.nextInt(3)) + "a*b\"}";
            case 5 -> "{\"anything-but\":[" + string() + "," + number() + "]}";
            case 6 -> "{\"numeric\":[\">\"," + number() + ",\"<=\"," + number() + "]}";
            case 7 -> "{\"numeric\":[\"=\"," + number() + "]}";
            case 8 -> "{\"exists\":" + random.nextBoolean() + "}";
            case 9 -> "{\"cidr\":\"10.0.0.0/" + random.nextInt(33) + "\"}";
            default -> string();
        };
    }

    private String number() {
        return switch (random.nextInt(4)) {
            case 0 -> HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
            case 1 -> Integer.toString(random.nextInt(2_000_000_001) - 1_000_000_000);
            case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(100_000)
                    + "e" + (random.nextInt(2_000_001) - 1_000_000);
            default -> "1" + "0".repeat(random.nextInt(990)) + "e-" + random.nextInt(1_000_000_000);
        };
    }

    private String string() {
        int length = random.nextInt(4) == 0 ? random.nextInt(4_000) : random.nextInt(12);
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < length; i++) {
            text.append("ab*.\u00e9\u6771".charAt(random.nextInt(6)));
        }
        return text.append('"').toString();
    }

    private String body(int shape) {
        return switch (shape) {
            case 0 -> "{" + "\"a\":{".repeat(450) + "\"b\":1" + "}".repeat(451);
            case 1 -> "{" + "\"a\":[".repeat(200) + number() + "]".repeat(200) + "}";
            case 2 -> manyKeys();
            case 3 -> "{\"n\":" + number() + ",\"a\":{\"b\":" + string() + "},\"a.b\":" + number() + ",\"x\":{\"y.z\":" + string() + "}}";
            case 4 -> "{\"a\":" + string() + ",\"b\":[" + number() + "," + string() + ",null,true]}";
            default -> "{\"a\":{\"b\":[{\"c\":" + number() + "},{\"c\":" + string() + "}]},\"b\":{\"c\":[]}}";
        };
    }

    private String manyKeys() {
        StringBuilder json = new StringBuilder("{");
        int keys = 500;
        for (int i = 0; i < keys; i++) {
            json.append(i > 0 ? "," : "").append("\"k").append(i).append("\":")
                    .append(i % 2 == 0 ? HOSTILE_NUMBERS[i % HOSTILE_NUMBERS.length] : "\"v" + i + "\"");
        }
        return json.append(",\"a\":1}").toString();
    }

    private Map<String, MessageAttribute> attributes() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (String key : new String[] {"a", "b", "c", "n"}) {
            try {
                attributes.put(key, switch (random.nextInt(4)) {
                    case 0 -> MessageAttribute.of("Number", number());
                    case 1 -> MessageAttribute.string(string().replace("\"", ""));
                    case 2 -> MessageAttribute.of("String.Array", "[" + string() + "," + number() + "]");
                    default -> MessageAttribute.string("x");
                });
            } catch (MessageValidationException refusedAsSnsWould) {
                attributes.put(key, MessageAttribute.number(1));
            }
        }
        return attributes;
    }
}
