package io.msgflow.stepfunctions.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Task resources the interpreter knows by itself: Lambda function ARNs and the lambda:invoke integration. */
public final class Resources {
    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final Pattern ARN = Pattern.compile("arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:\\d*:.+");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[a-z0-9-]+:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]+)?");
    private static final Pattern FUNCTION_NAME = Pattern.compile("(?:\\d{12}:)?(?:function:)?([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]+)?");
    private static final Pattern STATES_INTEGRATION = Pattern.compile("arn:[a-z0-9-]+:states:[a-z0-9-]*:\\d*:.+");

    private Resources() {
    }

    public static boolean isArn(String resource) {
        return ARN.matcher(resource).matches();
    }

    public static boolean isLambdaInvoke(String resource) {
        return resource.matches("arn:[a-z0-9-]+:states:::lambda:invoke");
    }

    /** A service integration such as {@code arn:aws:states:::sqs:sendMessage}. */
    public static boolean isIntegration(String resource) {
        return STATES_INTEGRATION.matcher(resource).matches();
    }

    public static boolean isFunctionArn(String resource) {
        return FUNCTION_ARN.matcher(resource).matches();
    }

    /**
     * The function name in a function ARN, a partial ARN ({@code 123456789012:function:name}) or
     * a plain name, each with an optional version or alias; empty when it is none of these.
     */
    public static Optional<String> functionName(String reference) {
        Matcher arn = FUNCTION_ARN.matcher(reference);
        if (arn.matches()) {
            return Optional.of(arn.group(1));
        }
        Matcher name = FUNCTION_NAME.matcher(reference);
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }
}
