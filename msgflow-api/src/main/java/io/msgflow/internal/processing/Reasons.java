package io.msgflow.internal.processing;

/** Failure reasons as outcomes and dead-letter copies carry them: never null, never blank. */
public final class Reasons {
    private Reasons() {
    }

    /** The exception's type and message, e.g. {@code IllegalStateException: downstream down}. */
    public static String of(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** {@code text} when it says something; else a reason naming the exception type (or that none was given). */
    public static String text(String text, Throwable source) {
        if (text != null && !text.isBlank()) {
            return text;
        }
        return source == null ? "(no reason given)" : source.getClass().getSimpleName() + " (no reason given)";
    }
}
