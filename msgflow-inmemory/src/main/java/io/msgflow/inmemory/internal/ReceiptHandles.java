package io.msgflow.inmemory.internal;

/**
 * Receipt handles name one delivery: {@code <slot>:<sequence>:<receive count>}. The slot finds
 * the message without hashing, the queue-wide sequence number confirms the slot still holds the
 * same message, the receive count tells an old delivery from the latest; each receive of a
 * message therefore gets a different handle.
 */
final class ReceiptHandles {
    private static final char SEPARATOR = ':';

    private ReceiptHandles() {
    }

    static String of(QueueEntry e) {
        return Integer.toString(e.slot) + SEPARATOR + e.sequence + SEPARATOR + e.receiveCount;
    }

    /** The slot a handle names, or -1 when it is not a handle of this emulator. */
    static int slot(String handle) {
        int first = handle.indexOf(SEPARATOR);
        return first <= 0 ? -1 : (int) parse(handle, 0, first);
    }

    /** Whether the handle names message {@code e} (any of its deliveries). */
    static boolean names(String handle, QueueEntry e) {
        int first = handle.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : handle.indexOf(SEPARATOR, first + 1);
        return second > 0 && parse(handle, first + 1, second) == e.sequence;
    }

    /** The receive a handle belongs to (1 for the first), or -1 when it is not a handle of this emulator. */
    static int receiveCount(String handle) {
        int last = handle.lastIndexOf(SEPARATOR);
        return last <= 0 ? -1 : (int) parse(handle, last + 1, handle.length());
    }

    private static long parse(String text, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
