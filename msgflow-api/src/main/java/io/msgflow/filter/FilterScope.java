package io.msgflow.filter;

/** What an SNS subscription filter policy is evaluated against (SNS {@code FilterPolicyScope}). */
public enum FilterScope {
    /** The message attributes; the default of SNS. */
    MESSAGE_ATTRIBUTES("MessageAttributes"),
    /** The message body, which must be a JSON object for the policy to match. */
    MESSAGE_BODY("MessageBody");

    private final String wireName;

    FilterScope(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the SNS {@code FilterPolicyScope} subscription attribute. */
    public String wireName() {
        return wireName;
    }

    public static FilterScope fromWireName(String wireName) {
        for (FilterScope scope : values()) {
            if (scope.wireName.equals(wireName)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("FilterPolicyScope must be MessageAttributes or MessageBody, but was '" + wireName + "'");
    }
}
