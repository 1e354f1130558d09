package io.msgflow.stepfunctions;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints history events as the Step Functions console lists them: id, type, state, elapsed time
 * since the execution started, and the detail that matters (error and cause, retry and delay,
 * how long a state or task took). Stateful: one formatter per execution. Not thread-safe: call it
 * from one listener.
 */
public final class HistoryFormatter {
    private static final int MAX_DETAIL = 160;

    private final Map<String, Instant> entered = new HashMap<>();
    private final Map<String, Instant> started = new HashMap<>();
    private Instant start;

    /** One line for {@code event}. */
    public String format(HistoryEvent event) {
        if (start == null) {
            start = event.timestamp();
        }
        String state = event.stateName().orElse("");
        String key = state;
        String type = event.type().name();
        String detail = "";
        if (type.endsWith("StateEntered")) {
            entered.put(state, event.timestamp());
        } else if (type.endsWith("StateExited")) {
            detail = "took " + seconds(Duration.between(entered.getOrDefault(state, event.timestamp()), event.timestamp()));
        } else if (type.endsWith("Started") && !type.startsWith("Execution")) {
            started.put(key, event.timestamp());
        } else if (type.endsWith("Succeeded") && !type.startsWith("Execution") && started.containsKey(key)) {
            detail = "ran " + seconds(Duration.between(started.remove(key), event.timestamp()));
        }
        detail = join(detail, failure(event));
        if (type.equals("ExecutionSucceeded")) {
            detail = join(detail, "output " + event.detail("output").orElse("null"));
        }
        return String.format(Locale.ROOT, "%4d  %-26s %-30s %9s  %s", event.id(), type, state,
                "+" + seconds(Duration.between(start, event.timestamp())), abbreviate(detail)).stripTrailing();
    }

    /** Prints every event of {@code result}, then its status line. */
    public static void print(ExecutionResult result, PrintStream out) {
        HistoryFormatter formatter = new HistoryFormatter();
        result.history().forEach(e -> out.println(formatter.format(e)));
        out.println(summary(result));
    }

    /** {@code SUCCEEDED in 1.250 s} or {@code FAILED in 3.000 s: Error: cause}. */
    public static String summary(ExecutionResult result) {
        String line = result.status() + " in " + seconds(result.duration());
        return result.error().map(e -> line + ": " + e + result.cause().map(c -> ": " + c).orElse("")).orElse(line);
    }

    private static String failure(HistoryEvent event) {
        String text = event.detail("error").map(e -> e + event.detail("cause").map(c -> " (" + c + ")").orElse("")).orElse("");
        if (event.details().has("retry")) {
            var retry = event.details().get("retry");
            text = join(text, String.format(Locale.ROOT, "retry %d of %d in %s", retry.path("attempt").asInt(), retry.path("maxAttempts").asInt(),
                    seconds(Duration.ofMillis(retry.path("delayMillis").asLong()))));
        }
        if (event.details().has("caught")) {
            text = join(text, "caught, next " + event.details().get("caught").path("next").asText());
        }
        return text;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.toMillis() / 1000.0);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 3) + "...";
    }
}
