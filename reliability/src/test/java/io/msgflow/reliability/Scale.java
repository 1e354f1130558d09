package io.msgflow.reliability;

/**
 * How many messages the scenarios send: the fast default of the test command, or ten times as
 * many with {@code -Dmsgflow.soak=true} (the soak).
 */
record Scale(int factor) {
    static final String SOAK_PROPERTY = "msgflow.soak";

    static Scale current() {
        return new Scale(Boolean.getBoolean(SOAK_PROPERTY) ? 10 : 1);
    }

    int of(int messages) {
        return messages * factor;
    }
}
