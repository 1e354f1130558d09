package io.msgflow.filter;

import io.msgflow.MsgflowException;

/** A filter policy breaks a rule of SNS; the message names the rule and the offending value. */
public class InvalidFilterPolicyException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String rule;

    public InvalidFilterPolicyException(String rule, String detail) {
        super("invalid filter policy: " + rule + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.rule = rule;
    }

    /** The rule broken, e.g. {@code "at most 5 keys"}. */
    public String rule() {
        return rule;
    }
}
