package io.msgflow;

/**
 * A message, attribute or batch breaks a rule of SNS/SQS. Thrown before any I/O, so nothing of
 * the offending call was published or sent.
 */
public class MessageValidationException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    private final String resource;
    private final String rule;
    private final String value;

    /**
     * @param resource what was being validated, e.g. {@code "message 4f2c…"} or {@code "batch"}
     * @param rule the rule broken, e.g. {@code "at most 10 message attributes"}
     * @param value the offending value, e.g. {@code "11 attributes"}
     */
    public MessageValidationException(String resource, String rule, String value) {
        super(resource + ": " + rule + ", but was " + value);
        this.resource = resource;
        this.rule = rule;
        this.value = value;
    }

    public String resource() {
        return resource;
    }

    public String rule() {
        return rule;
    }

    public String value() {
        return value;
    }
}
