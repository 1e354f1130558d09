package io.msgflow.filter;

import io.msgflow.MsgflowException;

/**
 * A filter policy breaks a rule of SNS; the message names the rule and the offending value.
 *
 * <p>{@link #rule()} is one of the {@code public static final} rule names of this class when the
 * exception comes from {@link FilterPolicy#parse(String, FilterScope)}, so callers and tests can
 * tell the rules apart without parsing the message.
 */
public class InvalidFilterPolicyException extends MsgflowException {
    private static final long serialVersionUID = 1L;

    /** The policy text is not one JSON value. */
    public static final String NOT_JSON = "must be valid JSON";
    /** The policy is JSON but not a JSON object. */
    public static final String NOT_OBJECT = "must be a JSON object";
    /** The policy JSON is larger than 256 KB (UTF-8). */
    public static final String TOO_LARGE = "at most 256 KB";
    /** An object of the policy names the same key twice. */
    public static final String DUPLICATE_KEY = "no duplicate keys";
    /** More than five keys (leaf keys for nested policies). */
    public static final String TOO_MANY_KEYS = "at most 5 keys";
    /** The total combination of values exceeds 150. */
    public static final String TOO_COMPLEX = "at most 150 combinations";
    /** A nested object in a {@link FilterScope#MESSAGE_ATTRIBUTES} policy. */
    public static final String NESTED_ATTRIBUTES = "no nested policy in MessageAttributes scope";
    /** A key maps to something other than an array (or, in body scope, an object). */
    public static final String VALUES_NOT_ARRAY = "values must be an array";
    /** A key maps to an empty array. */
    public static final String EMPTY_ARRAY = "no empty arrays";
    /** A nested object (or a {@code $or} branch) has no keys. */
    public static final String EMPTY_OBJECT = "no empty objects";
    /** An array element is neither a string, number, boolean, null nor an operator object. */
    public static final String VALUE_TYPE = "values must be string, number, true, false, null or an operator object";
    /** An operator object does not have exactly one key. */
    public static final String OPERATOR_SHAPE = "operator object must have exactly one key";
    /** An operator SNS does not know. */
    public static final String UNKNOWN_OPERATOR = "known operator";
    /** A number outside -10^9..10^9. */
    public static final String NUMBER_RANGE = "numbers between -1e9 and 1e9";
    /** A malformed {@code numeric} condition. */
    public static final String NUMERIC_SYNTAX = "well-formed numeric condition";
    /** A malformed {@code cidr} operand. */
    public static final String CIDR = "valid CIDR block";
    /** An {@code exists} operand that is not a boolean. */
    public static final String EXISTS_BOOLEAN = "exists must be true or false";
    /** A {@code prefix}, {@code suffix}, {@code equals-ignore-case} or {@code wildcard} operand of the wrong type. */
    public static final String STRING_OPERAND = "string operand";
    /** A malformed {@code anything-but} operand. */
    public static final String ANYTHING_BUT = "well-formed anything-but";
    /** A wildcard pattern with more than three {@code *}. */
    public static final String WILDCARD_COUNT = "at most 3 wildcards per pattern";
    /** The wildcard complexity of the policy exceeds 100 points. */
    public static final String WILDCARD_COMPLEXITY = "wildcard complexity at most 100";

    /** A key or string value holds an unpaired UTF-16 surrogate, which is no Unicode text and has no JSON spelling SNS accepts. */
    public static final String UNPAIRED_SURROGATE = "keys and strings must be valid Unicode (no unpaired surrogate)";

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
